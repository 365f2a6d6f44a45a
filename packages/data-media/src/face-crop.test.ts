import { describe, expect, it } from "vitest";
import { centredCrop, cropAroundFace, cropFits } from "./face-crop.js";

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

  it("frames the largest face when the detector found one, shifted inside the image at the edges", () => {
    // 1000 × 800, a 100 × 100 px face centred at (500, 300): a 250 px square around it.
    const centre = cropAroundFace({ x: 0.45, y: 0.3125, width: 0.1, height: 0.125, score: 0.9 }, 1000, 800);
    expect(centre.x).toBeCloseTo(0.375, 6);
    expect(centre.y).toBeCloseTo(0.21875, 6);
    expect(centre.size).toBeCloseTo(250 / 800, 6);
    // A face in the top-left corner: the square starts at the corner instead of outside.
    expect(cropAroundFace({ x: 0, y: 0, width: 0.1, height: 0.125, score: 0.9 }, 1000, 800)).toMatchObject({
      x: 0,
      y: 0,
    });
    // A face larger than the short side allows: the largest square, still inside.
    const huge = cropAroundFace({ x: 0.1, y: 0, width: 0.8, height: 1, score: 0.9 }, 1000, 800);
    expect(huge.size).toBe(1);
    for (const crop of [centre, huge]) expect(cropFits(crop, 1000, 800)).toBe(true);
  });
});
