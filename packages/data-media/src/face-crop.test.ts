import { describe, expect, it } from "vitest";
import { centredCrop, cropFits } from "./face-crop.js";

describe("face crop", () => {
  it("fits a square exactly at the right and bottom edges, not a pixel beyond", () => {
    // 800 × 600: the side is a fraction of 600.
    expect(cropFits({ x: 0.25, y: 0, size: 1 }, 800, 600)).toBe(true);
    expect(cropFits({ x: 0.26, y: 0, size: 1 }, 800, 600)).toBe(false);
    expect(cropFits({ x: 0, y: 0.5, size: 0.5 }, 800, 600)).toBe(true);
    expect(cropFits({ x: 0, y: 0.51, size: 0.5 }, 800, 600)).toBe(false);
  });

  it("tolerates the rounding of fractions computed from pixels", () => {
    expect(cropFits({ x: 200 / 800, y: 1 / 3, size: 400 / 600 }, 800, 600)).toBe(true);
  });

  it("defaults to the largest centred square, which always fits", () => {
    expect(centredCrop(800, 600)).toEqual({ x: 0.125, y: 0, size: 1 });
    expect(centredCrop(600, 800)).toEqual({ x: 0, y: 0.125, size: 1 });
    expect(centredCrop(512, 512)).toEqual({ x: 0, y: 0, size: 1 });
    for (const [w, h] of [
      [800, 600],
      [513, 1537],
    ] as const)
      expect(cropFits(centredCrop(w, h), w, h)).toBe(true);
  });
});
