import { GENDERS, type Gender } from "@venus/model";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../location/seeded-random.js";
import type { Profile } from "../profile-entity.js";
import { mutualKeyMatch, profileMatchKey } from "./match-key.js";
import { mutuallyWanted } from "./mutual-match.js";

function randomProfile(random: () => number): Profile {
  const pick = () => GENDERS[Math.floor(random() * GENDERS.length)] as Gender;
  const age = () => 18 + Math.floor(random() * 82);
  const [min, max] = [age(), age()].sort((a, b) => a - b) as [number, number];
  const field = { value: "", state: "accepted" as const, reason: null, changedAt: 0 };
  return {
    accountId: "a",
    version: 1,
    name: field,
    text: field,
    age: age(),
    initialAge: 18,
    initialAgeYear: 2026,
    gender: pick(),
    wantedGenders: [...new Set([pick(), pick()])],
    wantedAgeMin: min,
    wantedAgeMax: max,
    unlimitedLikes: false,
    attributes: {},
    attributeSlot: 0,
    latitude: null,
    longitude: null,
    visibility: "public",
    showLastSeen: true,
    showOnline: true,
    createdAt: 0,
    editedAt: 0,
  };
}

describe("mutualKeyMatch", () => {
  it("agrees with mutuallyWanted on packed keys, ages 18 and 99 included", () => {
    const random = seededRandom(7);
    let matched = 0;
    for (let i = 0; i < 20_000; i++) {
      const [a, b] = [randomProfile(random), randomProfile(random)];
      if (i % 4 === 0) [a.age, b.wantedAgeMin, b.wantedAgeMax] = [99, 18, 99];
      const expected = mutuallyWanted(a, b);
      expect(mutualKeyMatch(profileMatchKey(a))(profileMatchKey(b))).toBe(expected);
      if (expected) matched++;
    }
    expect(matched).toBeGreaterThan(500);
  });
});
