import { describe, expect, it } from "vitest";
import { countUse, leftToday, secondsUntilTomorrow, type DailyUse } from "./daily-use.js";

const at = (iso: string) => Date.parse(iso);

describe("daily use", () => {
  it("counts per UTC day and starts over at midnight UTC", () => {
    const use: DailyUse = { day: 0, used: 0 };
    const noon = at("2026-11-22T12:00:00Z");
    expect(leftToday(use, 2, noon)).toBe(2);
    countUse(use, noon);
    countUse(use, at("2026-11-22T23:59:59.999Z"));
    expect(leftToday(use, 2, noon)).toBe(0);
    const tomorrow = at("2026-11-23T00:00:00Z");
    expect(leftToday(use, 2, tomorrow)).toBe(2);
    countUse(use, tomorrow);
    expect(leftToday(use, 2, tomorrow)).toBe(1);
  });

  it("never reports a negative count when the limit was lowered", () => {
    const use: DailyUse = { day: 0, used: 0 };
    const now = at("2026-11-22T08:00:00Z");
    for (let i = 0; i < 5; i++) countUse(use, now);
    expect(leftToday(use, 3, now)).toBe(0);
  });

  it("retries after the seconds left until midnight UTC, at least one", () => {
    expect(secondsUntilTomorrow(at("2026-11-22T23:00:00Z"))).toBe(3600);
    expect(secondsUntilTomorrow(at("2026-11-22T23:59:59.999Z"))).toBe(1);
    expect(secondsUntilTomorrow(at("2026-11-22T00:00:00Z"))).toBe(86400);
  });
});
