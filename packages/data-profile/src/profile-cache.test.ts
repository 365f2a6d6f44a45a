import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, PROFILE_MIGRATIONS, ProfileStatements, type Database } from "@venus/database";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AttributeCatalog } from "./attributes/attribute-catalog.js";
import { loadAttributeDefinitions } from "./attributes/load-attribute-definitions.js";
import { ProfileCache } from "./profile-cache.js";
import { profileToRow, type Profile } from "./profile-entity.js";

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

  it("reads back every field, queues pending fields, and shares equal wanted-gender lists", () => {
    const statements = new ProfileStatements(db);
    const profiles = [
      profile("a", {}),
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
      profile("c", { wantedGenders: ["woman"], gender: "non_binary" }),
    ];
    for (const p of profiles) statements.saveProfile(profileToRow(p));
    const cache = ProfileCache.load(statements, new AttributeCatalog(loadAttributeDefinitions()));
    for (const p of profiles) {
      expect({ ...cache.profiles.get(p.accountId), attributeSlot: 0 }).toEqual(p);
    }
    expect(cache.profiles.get("a")?.wantedGenders).toBe(cache.profiles.get("b")?.wantedGenders);
    expect(cache.moderation.size).toBe(1);
  });
});
