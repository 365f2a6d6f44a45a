import { describe, expect, it } from "vitest";
import { RateLimiter, TokenBucket } from "./rate-limiter.js";

function clock(start = 1_000_000) {
  const state = { now: start };
  return { state, now: () => state.now };
}

describe("RateLimiter", () => {
  it("allows exactly `limit` events in a window and says how long to wait", () => {
    const { state, now } = clock();
    const limiter = new RateLimiter(3, 1000, now);
    expect([limiter.take("ip"), limiter.take("ip"), limiter.take("ip")]).toEqual([0, 0, 0]);
    expect(limiter.take("ip")).toBe(1000);
    state.now += 400;
    expect(limiter.take("ip")).toBe(600);
    state.now += 599;
    expect(limiter.take("ip")).toBe(1);
  });

  it("opens a new window exactly when the old one ends", () => {
    const { state, now } = clock();
    const limiter = new RateLimiter(2, 1000, now);
    limiter.take("ip");
    state.now += 500;
    limiter.take("ip");
    expect(limiter.take("ip")).toBe(500);
    state.now += 500;
    expect(limiter.take("ip")).toBe(0);
    expect(limiter.take("ip")).toBe(0);
    expect(limiter.take("ip")).toBe(1000);
  });

  it("counts each key on its own", () => {
    const { now } = clock();
    const limiter = new RateLimiter(1, 60_000, now);
    expect(limiter.take("a")).toBe(0);
    expect(limiter.take("b")).toBe(0);
    expect(limiter.take("a")).toBe(60_000);
    expect(limiter.take("b")).toBe(60_000);
  });

  it("does not count refused attempts into the next window", () => {
    const { state, now } = clock();
    const limiter = new RateLimiter(1, 1000, now);
    limiter.take("ip");
    for (let i = 0; i < 10; i++) limiter.take("ip");
    state.now += 1000;
    expect(limiter.take("ip")).toBe(0);
  });

  it("keeps working for keys whose windows were swept", () => {
    const { state, now } = clock();
    const limiter = new RateLimiter(1, 1000, now);
    limiter.take("a");
    state.now += 5000;
    expect(limiter.take("b")).toBe(0); // sweeps the expired window of "a"
    expect(limiter.take("a")).toBe(0);
    expect(limiter.take("a")).toBe(1000);
  });
});

describe("TokenBucket", () => {
  it("allows a burst, then refuses", () => {
    const { now } = clock();
    const bucket = new TokenBucket(2, 3, now);
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true]);
    expect(bucket.take()).toBe(false);
  });

  it("refills one token exactly after 1/rate seconds, not a millisecond before", () => {
    const early = clock();
    const before = new TokenBucket(2, 1, early.now);
    expect(before.take()).toBe(true);
    early.state.now += 499;
    expect(before.take()).toBe(false);

    const onTime = clock();
    const exact = new TokenBucket(2, 1, onTime.now);
    expect(exact.take()).toBe(true);
    onTime.state.now += 500;
    expect(exact.take()).toBe(true);
    expect(exact.take()).toBe(false);
  });

  it("never holds more than the burst, however long it was idle", () => {
    const { state, now } = clock();
    const bucket = new TokenBucket(10, 2, now);
    state.now += 3_600_000;
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, false]);
  });

  it("sustains the average rate", () => {
    const { state, now } = clock();
    const bucket = new TokenBucket(4, 1, now);
    let allowed = 0;
    for (let ms = 0; ms < 10_000; ms += 50) {
      state.now += 50;
      if (bucket.take()) allowed++;
    }
    expect(allowed).toBe(40);
  });
});
