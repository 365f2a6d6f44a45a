import { describe, expect, it } from "vitest";
import { restartDelay } from "./restart-backoff.js";

describe("restartDelay", () => {
  it("doubles from the base and stops at the maximum", () => {
    expect([0, 1, 2, 3, 4, 5].map((attempt) => restartDelay(attempt, 100, 1000))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
    expect(restartDelay(10_000, 100, 30_000)).toBe(30_000);
  });
});
