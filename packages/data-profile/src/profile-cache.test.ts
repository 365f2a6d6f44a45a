import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, PROFILE_MIGRATIONS, ProfileStatements, type Database } from "@venus/database";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AttributeCatalog } from "./attributes/attribute-catalog.js";
import { loadAttributeDefinitions } from "./attributes/load-attribute-definitions.js";
import { ProfileCache } from "./profile-cache.js";
import { LoadedProfile } from "./loaded-profile.js";
import { profileToRow, textLength, type ModeratedField, type Profile } from "./profile-entity.js";
import { StoredField } from "./stored-field.js";

function profile(accountId: string, extra: Partial<Profile>): Profile {
  const field = (value: string) => ({ value, state: "accepted" as const, reason: null, changedAt: 10 });
  return {
    accountId,
    version: 4,
    name: field("Ann"),
    text: field("Hello there"),
    age: 31,
    initialAge: 30,
    initialAgeYear: 2025,
    gender: "woman",
    wantedGenders: ["man", "non_binary"],
    wantedAgeMin: 25,
    wantedAgeMax: 40,
    unlimitedLikes: false,
    attributes: {},
    attributeSlot: 0,
    latitude: 60.17,
    longitude: 24.94,
    visibility: "public",
    showLastSeen: true,
    showOnline: false,
    createdAt: 1000,
    editedAt: 2000,
    ...extra,
  };
}

describe("ProfileCache.load", () => {
  let dir: string;
  let db: Database;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "venus-profile-cache-"));
    db = openDatabase(join(dir, "profile.sqlite"), PROFILE_MIGRATIONS);
  });

  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("reads back every field, queues pending fields, shares equal wanted-gender lists, keeps texts stored", () => {
    const statements = new ProfileStatements(db);
    const catalog = new AttributeCatalog(loadAttributeDefinitions());
    const question = catalog.attributes[0] as AttributeCatalog["attributes"][number];
    const answers = { [String(question.id)]: [question.bits.keys().next().value as number] };
    const profiles = [
      profile("a", { attributes: answers }),
      profile("b", {
        name: { value: "Bo", state: "pending", reason: null, changedAt: 30 },
        text: { value: "", state: "rejected", reason: "contact details", changedAt: 20 },
        gender: "man",
        unlimitedLikes: true,
        latitude: null,
        longitude: null,
        visibility: "private",
        showLastSeen: false,
        showOnline: true,
      }),
      profile("c", {
        attributes: answers,
        wantedGenders: ["woman"],
        gender: "non_binary",
        text: { value: "Hei 👋", state: "accepted", reason: null, changedAt: 40 },
      }),
    ];
    for (const p of profiles) statements.saveProfile(profileToRow(p));
    const cache = ProfileCache.load(statements, catalog);
    for (const p of profiles) {
      const loaded = cache.profiles.get(p.accountId) as Profile;
      expect(loaded).toBeInstanceOf(LoadedProfile);
      // Every field as the profile reads it (getters included); the text as its four values.
      const fields = Object.fromEntries(Object.keys(p).map((key) => [key, loaded[key as keyof Profile]]));
      const plain = ({ value, state, reason, changedAt }: ModeratedField) => ({
        value,
        state,
        reason,
        changedAt,
      });
      expect({ ...fields, attributeSlot: 0, name: plain(loaded.name), text: plain(loaded.text) }).toEqual(p);
      expect(textLength(loaded.text)).toBe([...p.text.value].length);
    }
    // Names and texts no moderator waits for stay in the database (read when shown, lengths
    // counted by SQLite); a pending one is held whole.
    expect(cache.profiles.get("a")?.text).toBeInstanceOf(StoredField);
    expect(cache.profiles.get("b")?.text).toBeInstanceOf(StoredField);
    expect(cache.profiles.get("c")?.text).toMatchObject({ length: 5, value: "Hei 👋" });
    expect(cache.profiles.get("b")?.name).not.toBeInstanceOf(StoredField);
    expect(cache.profiles.get("c")?.name).toBeInstanceOf(StoredField);
    expect(cache.profiles.get("a")?.wantedGenders).toBe(cache.profiles.get("b")?.wantedGenders);
    // Equal answers are encoded once and copied: each profile has its own slot with the same words.
    const words = (id: string) => {
      const { attributeSlab: slab } = cache;
      const at = slab.offset(cache.profiles.get(id)?.attributeSlot as number);
      return [...slab.words.subarray(at, at + slab.stride)];
    };
    expect(cache.profiles.get("a")?.attributeSlot).not.toBe(cache.profiles.get("c")?.attributeSlot);
    expect(words("a")).toEqual(words("c"));
    expect(words("a")).not.toEqual(words("b"));
    expect(cache.moderation.size).toBe(1);
    // The doubles live in the slab: setting one changes only that profile's.
    const [a, b] = ["a", "b"].map((id) => cache.profiles.get(id) as Profile);
    Object.assign(a as Profile, { latitude: 61.5, longitude: null, editedAt: 3000 });
    expect([a?.latitude, a?.longitude, a?.createdAt, a?.editedAt]).toEqual([61.5, null, 1000, 3000]);
    expect([b?.latitude, b?.longitude, b?.editedAt]).toEqual([null, null, 2000]);
  });
});
