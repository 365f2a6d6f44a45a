import type { Gender } from "@venus/model";
import { describe, expect, it } from "vitest";
import type { Profile } from "../profile-entity.js";
import { countProfiles } from "../statistics/profile-statistics.js";
import { mutuallyWanted } from "./mutual-match.js";

function profile(gender: Gender, age: number, wants: Gender[], min = 18, max = 99): Profile {
  const field = { value: "", state: "accepted" as const, reason: null, changedAt: 0 };
  return {
    accountId: `${gender}-${age}`,
    version: 1,
    name: field,
    text: field,
    age,
    initialAge: age,
    initialAgeYear: 2026,
    gender,
    wantedGenders: wants,
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

describe("mutuallyWanted", () => {
  it("needs each gender wanted by the other", () => {
    expect(mutuallyWanted(profile("man", 30, ["woman"]), profile("woman", 30, ["man"]))).toBe(true);
    expect(mutuallyWanted(profile("man", 30, ["woman"]), profile("woman", 30, ["woman"]))).toBe(false);
    expect(mutuallyWanted(profile("woman", 30, ["woman"]), profile("woman", 30, ["woman"]))).toBe(true);
    expect(
      mutuallyWanted(profile("non_binary", 30, ["man"]), profile("man", 30, ["non_binary", "woman"])),
    ).toBe(true);
    expect(mutuallyWanted(profile("non_binary", 30, ["man"]), profile("man", 30, ["woman"]))).toBe(false);
  });

  it("needs each age inside the other's range, edges included", () => {
    const viewer = profile("man", 30, ["woman"], 25, 35);
    expect(mutuallyWanted(viewer, profile("woman", 25, ["man"], 30, 30))).toBe(true);
    expect(mutuallyWanted(viewer, profile("woman", 35, ["man"]))).toBe(true);
    expect(mutuallyWanted(viewer, profile("woman", 36, ["man"]))).toBe(false);
    expect(mutuallyWanted(viewer, profile("woman", 30, ["man"], 31, 40))).toBe(false);
  });
});

describe("countProfiles", () => {
  it("counts by gender and age, split into public and private", () => {
    const profiles = [
      profile("man", 18, ["woman"]),
      profile("woman", 99, ["man"]),
      profile("woman", 30, ["man"]),
    ];
    const counts = countProfiles(profiles, (p) => p.age !== 30, 42);
    expect(counts.generated_at).toBe(42);
    expect(counts.public.total).toBe(2);
    expect(counts.public.man[0]).toBe(1);
    expect(counts.public.woman[81]).toBe(1);
    expect(counts.private.total).toBe(1);
    expect(counts.private.woman[12]).toBe(1);
    expect(counts.public.non_binary.every((n) => n === 0)).toBe(true);
  });
});
