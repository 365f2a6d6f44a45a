import sharp from "sharp";
import { describe, expect, test } from "vitest";
import { generateBotImage } from "./generate-image.js";
import { seededRandom } from "./seeded-random.js";

describe("generateBotImage", () => {
  test("a JPEG of at least 800 px a side; different seeds, different pictures", async () => {
    const [first, second] = await Promise.all([
      generateBotImage(seededRandom(1)),
      generateBotImage(seededRandom(2)),
    ]);
    for (const image of [first, second]) {
      const meta = await sharp(image).metadata();
      expect(meta.format).toBe("jpeg");
      expect(meta.width).toBeGreaterThanOrEqual(800);
      expect(meta.height).toBeGreaterThanOrEqual(800);
      expect(Math.max(meta.width, meta.height) / Math.min(meta.width, meta.height)).toBeLessThan(1.3);
    }
    expect(first.equals(second)).toBe(false);
  });

  test("the same seed draws the same picture; a chosen size is kept", async () => {
    const [a, b] = await Promise.all([
      generateBotImage(seededRandom(9), { width: 1000, height: 900 }),
      generateBotImage(seededRandom(9), { width: 1000, height: 900 }),
    ]);
    expect(a.equals(b)).toBe(true);
    expect(await sharp(a).metadata()).toMatchObject({ width: 1000, height: 900 });
    // Not a flat colour: the shapes are there.
    const { channels } = await sharp(a).stats();
    expect(channels.some((channel) => channel.stdev > 5)).toBe(true);
  });
});
