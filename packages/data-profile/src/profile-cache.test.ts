import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, PROFILE_MIGRATIONS, ProfileStatements, type Database } from "@venus/database";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AttributeCatalog } from "./attributes/attribute-catalog.js";
import { loadAttributeDefinitions } from "./attributes/load-attribute-definitions.js";
import { ProfileCache } from "./profile-cache.js";
import { profileToRow, StoredText, textLength, type Profile } from "./profile-entity.js";

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
        text: { value: "Hei 👋", state: "pending", reason: null, changedAt: 40 },
      }),
    ];
    for (const p of profiles) statements.saveProfile(profileToRow(p));
    const cache = ProfileCache.load(statements, catalog);
    for (const p of profiles) {
      const loaded = cache.profiles.get(p.accountId) as Profile;
      const { value, state, reason, changedAt } = loaded.text;
      expect({ ...loaded, attributeSlot: 0, text: { value, state, reason, changedAt } }).toEqual(p);
      expect(textLength(loaded.text)).toBe([...p.text.value].length);
    }
    // A non-empty text stays in the database: read when shown, its length counted by SQLite.
    expect(cache.profiles.get("a")?.text).toBeInstanceOf(StoredText);
    expect(cache.profiles.get("c")?.text).toMatchObject({ length: 5, value: "Hei 👋" });
    expect(cache.profiles.get("b")?.text).not.toBeInstanceOf(StoredText);
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
    expect(cache.moderation.size).toBe(2);
  });
});
