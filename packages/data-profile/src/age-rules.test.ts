import { describe, expect, it } from "vitest";
import { ageKeptInRange, allowedAgeRange } from "./age-rules.js";

describe("ages without a birthdate", () => {
  it("allows the setup age plus the years since, give or take one", () => {
    expect(allowedAgeRange(30, 2026, 2026)).toEqual({ min: 29, max: 31 });
    expect(allowedAgeRange(30, 2026, 2030)).toEqual({ min: 33, max: 35 });
  });

  it("stays within 18–99", () => {
    expect(allowedAgeRange(18, 2026, 2026)).toEqual({ min: 18, max: 19 });
    expect(allowedAgeRange(99, 2026, 2026)).toEqual({ min: 98, max: 99 });
    expect(allowedAgeRange(98, 2026, 2040)).toEqual({ min: 99, max: 99 });
  });

  it("the daily task raises an age that fell below the range and keeps one inside it", () => {
    expect(ageKeptInRange(30, allowedAgeRange(30, 2026, 2028))).toBe(31);
    expect(ageKeptInRange(32, allowedAgeRange(30, 2026, 2028))).toBe(32);
    expect(ageKeptInRange(40, allowedAgeRange(30, 2026, 2028))).toBe(33);
  });
});
