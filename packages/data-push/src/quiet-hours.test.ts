import { describe, expect, it } from "vitest";
import { quietUntil } from "./quiet-hours.js";

const at = (iso: string) => Date.parse(iso);

describe("quiet hours", () => {
  it("hold inside a window over midnight, in the user's offset, and end at its end", () => {
    const quiet = { start: "22:00", end: "07:00", utc_offset_minutes: 120 };
    // 23:30 local (UTC+2) is 21:30 UTC: quiet until 07:00 local, 05:00 UTC the next day.
    expect(quietUntil(quiet, at("2026-12-07T21:30:15Z"))).toBe(at("2026-12-08T05:00:00Z"));
    // 06:59 local: one minute left.
    expect(quietUntil(quiet, at("2026-12-08T04:59:00Z"))).toBe(at("2026-12-08T05:00:00Z"));
    // 07:00 local is outside, and so is noon.
    expect(quietUntil(quiet, at("2026-12-08T05:00:00Z"))).toBeUndefined();
    expect(quietUntil(quiet, at("2026-12-08T10:00:00Z"))).toBeUndefined();
  });

  it("hold inside a window within one day; none when absent or empty", () => {
    const quiet = { start: "13:00", end: "14:30", utc_offset_minutes: -300 };
    expect(quietUntil(quiet, at("2026-12-07T18:10:00Z"))).toBe(at("2026-12-07T19:30:00Z"));
    expect(quietUntil(quiet, at("2026-12-07T17:59:59Z"))).toBeUndefined();
    expect(quietUntil(null, at("2026-12-07T18:10:00Z"))).toBeUndefined();
    expect(quietUntil({ ...quiet, end: "13:00" }, at("2026-12-07T18:10:00Z"))).toBeUndefined();
  });
});
