import type { AutomaticSearchSettings } from "@venus/model";
import { describe, expect, it } from "vitest";
import { accountSpread, nextRunAt } from "./run-time.js";

const at = (iso: string) => Date.parse(iso);
// 2026-01-05 is a Monday.
const settings = (extra: Partial<AutomaticSearchSettings> = {}): AutomaticSearchSettings => ({
  enabled: true,
  weekdays: ["mon", "wed"],
  window_start: "08:00",
  window_end: "10:00",
  utc_offset_minutes: 0,
  filters: {},
  ...extra,
});

describe("automatic search run times", () => {
  it("runs on a chosen day at the account's point of the window, and skips other days", () => {
    expect(nextRunAt(settings(), 0.5, null, at("2026-01-05T06:00:00Z"))).toBe(at("2026-01-05T09:00:00Z"));
    expect(nextRunAt(settings(), 0, null, at("2026-01-06T06:00:00Z"))).toBe(at("2026-01-07T08:00:00Z"));
    expect(nextRunAt(settings({ weekdays: ["sun"] }), 0, null, at("2026-01-05T06:00:00Z"))).toBe(
      at("2026-01-11T08:00:00Z"),
    );
  });

  it("once a day: a day whose run is done waits for the next chosen day", () => {
    const ran = at("2026-01-05T09:00:00Z");
    expect(nextRunAt(settings(), 0.5, ran, at("2026-01-05T09:00:01Z"))).toBe(at("2026-01-07T09:00:00Z"));
  });

  it("a passed point inside an open window runs now; after the window, the day is missed", () => {
    const now = at("2026-01-05T09:30:00Z");
    expect(nextRunAt(settings(), 0.1, null, now)).toBe(now);
    expect(nextRunAt(settings(), 0.1, null, at("2026-01-05T10:00:00Z"))).toBe(at("2026-01-07T08:12:00Z"));
  });

  it("reads weekdays and the window in the user's local time", () => {
    // 23:30 Sunday UTC is 01:30 Monday at UTC+2: the Monday window 08:00–10:00 local is 06:00–08:00 UTC.
    const local = settings({ weekdays: ["mon"], utc_offset_minutes: 120 });
    expect(nextRunAt(local, 0, null, at("2026-01-04T23:30:00Z"))).toBe(at("2026-01-05T06:00:00Z"));
    // At UTC-5, Monday 20:00–22:00 local is Tuesday 01:00–03:00 UTC.
    const west = settings({
      weekdays: ["mon"],
      window_start: "20:00",
      window_end: "22:00",
      utc_offset_minutes: -300,
    });
    expect(nextRunAt(west, 0, null, at("2026-01-06T00:30:00Z"))).toBe(at("2026-01-06T01:00:00Z"));
  });

  it("switched off or without days: no run", () => {
    expect(nextRunAt(settings({ enabled: false }), 0, null, 0)).toBeUndefined();
    expect(nextRunAt(settings({ weekdays: [] }), 0, null, 0)).toBeUndefined();
  });

  it("spreads accounts over the window, the same point every time", () => {
    const points = Array.from({ length: 1000 }, (_, i) => accountSpread(`account-${i}`));
    expect(accountSpread("account-1")).toBe(points[1]);
    for (const tenth of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]) {
      const inTenth = points.filter((p) => Math.floor(p * 10) === tenth).length;
      expect(inTenth).toBeGreaterThan(50);
    }
  });
});
