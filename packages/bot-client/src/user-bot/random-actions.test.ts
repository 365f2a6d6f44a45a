import type { BotsFile } from "@venus/model";
import { describe, expect, test } from "vitest";
import { shouldMove, visibilityFlip } from "./random-actions.js";
import { seededRandom } from "./seeded-random.js";

const users = (move: boolean, flip: boolean): BotsFile["users"] => ({
  latitude: 0,
  longitude: 0,
  radius_km: 1,
  act_every_seconds: 1,
  reply: "hi",
  move,
  flip_visibility: flip,
});

const share = (count: number, test: () => boolean) =>
  Array.from({ length: count }, test).filter(Boolean).length / count;

describe("random actions", () => {
  test("a moving bot moves on about 20 % of ticks, others never", () => {
    const random = seededRandom(5);
    const moved = share(5000, () => shouldMove(users(true, false), random));
    expect(moved).toBeGreaterThan(0.17);
    expect(moved).toBeLessThan(0.23);
    expect(share(1000, () => shouldMove(users(false, true), random))).toBe(0);
  });

  test("a flipping bot goes private on about 10 % of ticks and public on the next", () => {
    const random = seededRandom(6);
    const wentPrivate = share(5000, () => visibilityFlip(users(false, true), "public", random) === "private");
    expect(wentPrivate).toBeGreaterThan(0.08);
    expect(wentPrivate).toBeLessThan(0.12);
    expect(visibilityFlip(users(false, true), "private", random)).toBe("public");
    expect(share(1000, () => visibilityFlip(users(true, false), "public", random) !== undefined)).toBe(0);
  });
});
