import { describe, expect, it } from "vitest";
import { planOutputs } from "./output-sizes.js";

const SIZES = [1280, 854, 640, 426, 256];

describe("planOutputs", () => {
  it("encodes every configured size when the source is larger than all of them", () => {
    expect(planOutputs(4000, 3000, SIZES)).toEqual(SIZES.map((size) => ({ size, longEdge: size })));
  });

  it("keeps only the smallest larger size, at the source's long edge: never upscaled", () => {
    expect(planOutputs(700, 500, SIZES)).toEqual([
      { size: 854, longEdge: 700 },
      { size: 640, longEdge: 640 },
      { size: 426, longEdge: 426 },
      { size: 256, longEdge: 256 },
    ]);
  });

  it("adds no capped copy when a configured size equals the source's long edge", () => {
    expect(planOutputs(480, 640, SIZES)).toEqual([
      { size: 640, longEdge: 640 },
      { size: 426, longEdge: 426 },
      { size: 256, longEdge: 256 },
    ]);
  });

  it("ignores the order and repeats of the configured sizes", () => {
    expect(planOutputs(2000, 100, [256, 1280, 256])).toEqual([
      { size: 1280, longEdge: 1280 },
      { size: 256, longEdge: 256 },
    ]);
  });
});
