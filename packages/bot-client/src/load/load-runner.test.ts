import { expect, test } from "vitest";
import { pairPartners } from "./load-runner.js";

test("bots pair up 2k with 2k+1; with an odd count the last and the first also pair", () => {
  expect(pairPartners(0)).toEqual([]);
  expect(pairPartners(1)).toEqual([[]]);
  expect(pairPartners(2)).toEqual([[1], [0]]);
  expect(pairPartners(4)).toEqual([[1], [0], [3], [2]]);
  expect(pairPartners(5)).toEqual([[1, 4], [0], [3], [2], [0]]);
});

test("every bot of two or more has a partner, and partnership goes both ways", () => {
  for (let count = 2; count <= 9; count++) {
    const partners = pairPartners(count);
    partners.forEach((mine, i) => {
      expect(mine.length).toBeGreaterThan(0);
      for (const j of mine) expect(partners[j]).toContain(i);
    });
  }
});
