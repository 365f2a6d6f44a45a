import { expect, test } from "vitest";
import { spamBanDue } from "./report-decision.js";

test("the reporter is banned at every threshold-th rejected report, never below it, never with 0", () => {
  expect([1, 2, 3, 4, 5, 6, 7].map((count) => spamBanDue(count, 3))).toEqual([
    false,
    false,
    true,
    false,
    false,
    true,
    false,
  ]);
  expect(spamBanDue(1, 1)).toBe(true);
  expect([0, 1, 10, 100].map((count) => spamBanDue(count, 0))).toEqual([false, false, false, false]);
  expect(spamBanDue(0, 10)).toBe(false);
});
