import { describe, expect, test } from "vitest";
import { Backoff } from "./backoff.js";

describe("reconnect back-off", () => {
  test("doubles from the first delay up to the cap, spread below each step, and starts over on reset", () => {
    const backoff = new Backoff(500, 4000);
    const steps = [500, 1000, 2000, 4000, 4000];
    for (const step of steps) {
      const delay = backoff.next();
      expect(delay).toBeGreaterThanOrEqual(step * 0.75);
      expect(delay).toBeLessThanOrEqual(step);
    }
    backoff.reset();
    expect(backoff.next()).toBeLessThanOrEqual(500);
  });
});
