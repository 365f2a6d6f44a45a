import { describe, expect, it } from "vitest";
import { FailureBackoff } from "./failure-backoff.js";

function setUp(rule = { freeFailures: 3, firstDelayMs: 1000, maxDelayMs: 8000, forgetAfterMs: 60_000 }) {
  const clock = { now: 0 };
  return { backoff: new FailureBackoff(rule, () => clock.now), clock };
}

describe("FailureBackoff", () => {
  it("lets the free failures pass, then doubles the wait with each failure up to the cap", () => {
    const { backoff } = setUp();
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      backoff.failed("a");
      waits.push(backoff.waitMs("a"));
    }
    expect(waits).toEqual([0, 0, 0, 1000, 2000, 4000, 8000, 8000]);
  });

  it("counts down the wait and then lets the key try again", () => {
    const { backoff, clock } = setUp();
    for (let i = 0; i < 5; i++) backoff.failed("a");
    expect(backoff.waitMs("a")).toBe(2000);
    clock.now = 1500;
    expect(backoff.waitMs("a")).toBe(500);
    clock.now = 2000;
    expect(backoff.waitMs("a")).toBe(0);
  });

  it("keeps keys apart", () => {
    const { backoff } = setUp();
    for (let i = 0; i < 5; i++) backoff.failed("a");
    expect(backoff.waitMs("b")).toBe(0);
  });

  it("starts over after a success, or after forgetAfterMs without a failure", () => {
    const { backoff, clock } = setUp();
    for (let i = 0; i < 5; i++) backoff.failed("a");
    backoff.succeeded("a");
    backoff.failed("a");
    expect(backoff.waitMs("a")).toBe(0);
    for (let i = 0; i < 4; i++) backoff.failed("b");
    clock.now = 59_999;
    backoff.failed("b");
    expect(backoff.waitMs("b")).toBe(2000);
    clock.now = 59_999 + 60_000;
    backoff.failed("b");
    expect(backoff.waitMs("b")).toBe(0);
  });

  it("never overflows however many failures pile up", () => {
    const { backoff } = setUp({
      freeFailures: 0,
      firstDelayMs: 1000,
      maxDelayMs: 900_000,
      forgetAfterMs: 60_000,
    });
    for (let i = 0; i < 5000; i++) backoff.failed("a");
    expect(backoff.waitMs("a")).toBe(900_000);
  });
});
