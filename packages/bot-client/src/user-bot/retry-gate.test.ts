import { describe, expect, test } from "vitest";
import { VenusApiError } from "../venus-api-error.js";
import { DEFAULT_RETRY_AFTER_SECONDS, RetryGate, retryAfterMs } from "./retry-gate.js";

const limited = (seconds?: number) => new VenusApiError(429, "daily_like_limit", "limit", seconds);

describe("retryAfterMs", () => {
  test("429 and 503 ask for their Retry-After, or the default without one; others for nothing", () => {
    expect(retryAfterMs(limited(12))).toBe(12_000);
    expect(retryAfterMs(limited())).toBe(DEFAULT_RETRY_AFTER_SECONDS * 1000);
    expect(retryAfterMs(new VenusApiError(503, "busy", "busy", 2))).toBe(2000);
    expect(retryAfterMs(new VenusApiError(409, "public_key_outdated", "old"))).toBeUndefined();
    expect(retryAfterMs(new Error("network"))).toBeUndefined();
  });
});

describe("RetryGate", () => {
  test("holds back only the kind that was refused, until its time", () => {
    const gate = new RetryGate();
    expect(gate.noteFailure("like", limited(60), 1000)).toBe(60_000);
    expect(gate.noteFailure("reply", new Error("x"), 1000)).toBeUndefined();
    expect(gate.isOpen("like", 1000)).toBe(false);
    expect(gate.isOpen("like", 60_999)).toBe(false);
    expect(gate.isOpen("reply", 1000)).toBe(true);
    expect(gate.openAt("like")).toBe(61_000);
    expect(gate.isOpen("like", 61_000)).toBe(true);
    expect(gate.openAt("like")).toBeUndefined();
  });

  test("a shorter wait never shortens a longer one", () => {
    const gate = new RetryGate();
    gate.closeFor("browse", 10_000, 0);
    gate.closeFor("browse", 1_000, 0);
    expect(gate.isOpen("browse", 5_000)).toBe(false);
  });
});
