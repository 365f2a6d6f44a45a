import { describe, expect, it } from "vitest";
import { cropOf, slidersOf } from "./crop.js";

describe("the crop editor's square", () => {
  it("stays inside the image at every slider end", () => {
    for (const [width, height] of [
      [1200, 800],
      [600, 900],
      [700, 700],
    ] as const)
      for (const size of [0.3, 0.75, 1])
        for (const pan of [0, 0.5, 1]) {
          const crop = cropOf({ size, panX: pan, panY: pan }, width, height);
          const side = crop.size * Math.min(width, height);
          expect(crop.x * width + side).toBeLessThanOrEqual(width + 0.1);
          expect(crop.y * height + side).toBeLessThanOrEqual(height + 0.1);
          expect(crop.x).toBeGreaterThanOrEqual(0);
        }
  });

  it("centres the whole shorter side by default and reads a stored crop back", () => {
    expect(cropOf(slidersOf(null, 1200, 800), 1200, 800)).toEqual({ x: 0.1667, y: 0, size: 1 });
    const stored = { x: 0.25, y: 0.1, size: 0.5 };
    expect(cropOf(slidersOf(stored, 1000, 800), 1000, 800)).toEqual(stored);
  });
});
