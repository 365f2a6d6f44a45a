import { createRequire } from "node:module";
import path from "node:path";
import sharp, { type Sharp } from "sharp";
import type { DecodedImage } from "../checks.js";

/**
 * Photos with known answers for the detector tests: the six demo photos that @vladmandic/face-api
 * ships in its npm package (MIT), read in place from node_modules, never copied into the repository.
 * Each is a group photo of women at a party, clothed; the face counts were checked by eye.
 */

const require = createRequire(import.meta.url);
const DEMO_DIR = path.join(path.dirname(require.resolve("@vladmandic/face-api/package.json")), "demo");

export const SAMPLE_FACE_COUNTS = { 1: 3, 2: 3, 3: 3, 4: 4, 5: 5, 6: 4 } as const;
export type SampleNumber = keyof typeof SAMPLE_FACE_COUNTS;

export const samplePath = (n: SampleNumber) => path.join(DEMO_DIR, `sample${n}.jpg`);

/** The sample scaled to `longEdge` (kept small: inference is CPU-heavy) and decoded like the worker does. */
export async function decodedSample(n: SampleNumber, longEdge = 800): Promise<DecodedImage> {
  return decode(sharp(samplePath(n)).resize(longEdge, longEdge, { fit: "inside" }));
}

/** One region of a sample, in fractions of its size (e.g. one face with some margin). */
export async function decodedRegion(
  n: SampleNumber,
  region: { x: number; y: number; width: number; height: number },
): Promise<DecodedImage> {
  const { width = 0, height = 0 } = await sharp(samplePath(n)).metadata();
  const box = {
    left: Math.round(region.x * width),
    top: Math.round(region.y * height),
    width: Math.round(region.width * width),
    height: Math.round(region.height * height),
  };
  return decode(sharp(samplePath(n)).extract(box));
}

async function decode(image: Sharp): Promise<DecodedImage> {
  const { data, info } = await image.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: info.channels, pixels: data };
}
