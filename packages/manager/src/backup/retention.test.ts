import { describe, expect, test } from "vitest";
import { snapshotsToPrune } from "./retention.js";
import { snapshotName, snapshotTime } from "./store-layout.js";

const DAY = 86_400_000;
const now = Date.UTC(2026, 10, 22, 4, 15, 0);
const daysAgo = (days: number) => snapshotName(now - days * DAY);

describe("retention", () => {
  test("snapshot names are UTC seconds and read back; other names are not snapshots", () => {
    expect(snapshotName(now)).toBe("20261122T041500Z");
    expect(snapshotTime("20261122T041500Z")).toBe(now);
    for (const name of ["20261122T041500", "20261322T041500Z", "x20261122T041500Z", "tmp"])
      expect(snapshotTime(name)).toBeUndefined();
  });

  test("prunes snapshots older than keep_days, never the newest, and leaves other names", () => {
    const names = [daysAgo(10), daysAgo(8), daysAgo(7.01), daysAgo(6.9), daysAgo(1), "notes"];
    expect(snapshotsToPrune(names, now, 7).sort()).toEqual([daysAgo(10), daysAgo(8), daysAgo(7.01)].sort());
    expect(snapshotsToPrune([daysAgo(30), daysAgo(20)], now, 7)).toEqual([daysAgo(30)]);
    expect(snapshotsToPrune([daysAgo(30)], now, 7)).toEqual([]);
    expect(snapshotsToPrune([], now, 7)).toEqual([]);
  });
});
