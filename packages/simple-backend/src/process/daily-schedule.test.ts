import { describe, expect, it } from "vitest";
import { nextDailyRun, parseTimeOfDay } from "./daily-schedule.js";

const at = (iso: string) => Date.parse(iso);

describe("daily schedule times", () => {
  it("parses HH:MM and refuses anything else", () => {
    expect(parseTimeOfDay("00:00")).toBe(0);
    expect(parseTimeOfDay("03:30")).toBe(3.5 * 3_600_000);
    expect(parseTimeOfDay("23:59")).toBe((23 * 60 + 59) * 60_000);
    for (const bad of ["24:00", "3:00", "03:60", "0300", ""])
      expect(() => parseTimeOfDay(bad)).toThrow(RangeError);
  });

  it("runs later today when the time is still ahead, else tomorrow; never at now", () => {
    const three = parseTimeOfDay("03:00");
    expect(nextDailyRun(at("2026-11-21T02:59:59Z"), three)).toBe(at("2026-11-21T03:00:00Z"));
    expect(nextDailyRun(at("2026-11-21T03:00:00Z"), three)).toBe(at("2026-11-22T03:00:00Z"));
    expect(nextDailyRun(at("2026-12-31T23:00:00Z"), three)).toBe(at("2027-01-01T03:00:00Z"));
  });
});
