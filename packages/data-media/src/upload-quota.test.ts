import { describe, expect, it } from "vitest";
import { newMediaAccount } from "./media-entities.js";
import { countUpload, secondsUntilTomorrow, uploadsLeftToday } from "./upload-quota.js";

const day = (iso: string) => Date.parse(iso);

describe("daily upload quota", () => {
  it("counts uploads per UTC day and starts over at midnight UTC", () => {
    const account = newMediaAccount("a");
    const noon = day("2026-11-22T12:00:00Z");
    expect(uploadsLeftToday(account, 2, noon)).toBe(2);
    countUpload(account, noon);
    countUpload(account, day("2026-11-22T23:59:59.999Z"));
    expect(uploadsLeftToday(account, 2, noon)).toBe(0);
    const tomorrow = day("2026-11-23T00:00:00Z");
    expect(uploadsLeftToday(account, 2, tomorrow)).toBe(2);
    countUpload(account, tomorrow);
    expect(uploadsLeftToday(account, 2, tomorrow)).toBe(1);
  });

  it("never reports a negative count when the limit was lowered", () => {
    const account = newMediaAccount("a");
    const now = day("2026-11-22T08:00:00Z");
    for (let i = 0; i < 5; i++) countUpload(account, now);
    expect(uploadsLeftToday(account, 3, now)).toBe(0);
  });

  it("retries after the seconds left until midnight UTC, at least one", () => {
    expect(secondsUntilTomorrow(day("2026-11-22T23:00:00Z"))).toBe(3600);
    expect(secondsUntilTomorrow(day("2026-11-22T23:59:59.999Z"))).toBe(1);
    expect(secondsUntilTomorrow(day("2026-11-22T00:00:00Z"))).toBe(86400);
  });
});
