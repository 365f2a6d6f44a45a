import { describe, expect, it } from "vitest";
import { SettableClock } from "./clock.js";

describe("the settable clock", () => {
  it("starts at its instant, moves forward by whole milliseconds, tells its listeners, never goes back", () => {
    const clock = new SettableClock(Date.parse("2026-01-05T08:00:00Z"));
    const start = clock.now();
    expect(start - Date.parse("2026-01-05T08:00:00Z")).toBeLessThan(1000);
    let jumps = 0;
    clock.onJump(() => jumps++);
    const later = clock.advance(3_599_999.0000000005);
    expect(Number.isInteger(later)).toBe(true);
    expect(later - start).toBeGreaterThanOrEqual(3_599_999);
    expect(jumps).toBe(1);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(jumps).toBe(1);
  });
});
