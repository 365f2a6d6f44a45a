import { describe, expect, it } from "vitest";
import { banExpired, checkBanReason, parseBanUntil } from "./ban-rules.js";

const NOW = Date.parse("2030-01-01T00:00:00.000Z");

describe("checkBanReason", () => {
  it("trims and keeps a reason of exactly the maximum bytes", () => {
    expect(checkBanReason("  spam  ", 4)).toBe("spam");
    expect(checkBanReason("ää", 4)).toBe("ää");
  });

  it("refuses an empty reason and one a byte too long", () => {
    expect(() => checkBanReason("   ", 10)).toThrow(/must not be empty/);
    expect(() => checkBanReason("ääa", 4)).toThrow(/at most 4 bytes/);
  });
});

describe("parseBanUntil", () => {
  it("has no end when absent or null", () => {
    expect(parseBanUntil(undefined, NOW)).toBeNull();
    expect(parseBanUntil(null, NOW)).toBeNull();
  });

  it("takes a future time and refuses now and the past", () => {
    expect(parseBanUntil("2030-01-01T00:00:00.001Z", NOW)).toBe(NOW + 1);
    expect(() => parseBanUntil("2030-01-01T00:00:00.000Z", NOW)).toThrow(/future/);
    expect(() => parseBanUntil("2029-12-31T23:00:00+00:00", NOW)).toThrow(/future/);
    expect(() => parseBanUntil("not a date", NOW)).toThrow(/date-time/);
  });
});

describe("banExpired", () => {
  it("is due once its end has come, never without an end", () => {
    const ban = { reason: "r", stateBefore: "normal" as const };
    expect(banExpired({ ...ban, until: NOW }, NOW)).toBe(true);
    expect(banExpired({ ...ban, until: NOW + 1 }, NOW)).toBe(false);
    expect(banExpired({ ...ban, until: null }, NOW)).toBe(false);
  });
});
