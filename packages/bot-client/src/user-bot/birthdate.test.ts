import { describe, expect, test } from "vitest";
import { ageOn, birthdateForAge } from "./birthdate.js";
import { seededRandom } from "./seeded-random.js";

describe("birthdateForAge", () => {
  test("gives exactly the age on the day, with a margin for time zones", () => {
    const random = seededRandom(3);
    const days = ["2026-01-01", "2026-02-28", "2028-02-29", "2026-03-01", "2026-07-15", "2026-12-31"];
    for (const day of days)
      for (const age of [18, 19, 35, 99])
        for (let i = 0; i < 50; i++) {
          const today = new Date(`${day}T12:00:00Z`);
          const birthdate = birthdateForAge(age, today, random);
          expect(birthdate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(ageOn(birthdate, today)).toBe(age);
          // A day earlier or later (another time zone) the age is still the same.
          expect(ageOn(birthdate, new Date(today.getTime() - 86_400_000))).toBe(age);
          expect(ageOn(birthdate, new Date(today.getTime() + 86_400_000))).toBe(age);
        }
  });

  test("spreads birthdates over the year", () => {
    const random = seededRandom(4);
    const today = new Date("2026-06-10T00:00:00Z");
    const months = new Set(Array.from({ length: 300 }, () => birthdateForAge(30, today, random).slice(5, 7)));
    expect(months.size).toBe(12);
  });
});
