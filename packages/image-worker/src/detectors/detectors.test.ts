import { beforeAll, describe, expect, it } from "vitest";
import { nudityScore, type ImageAnalysis } from "@venus/model";
import sharp from "sharp";
import { runChecks, type DecodedImage, type ImageCheck } from "../checks.js";
import { decodedRegion, decodedSample, SAMPLE_FACE_COUNTS } from "../testing/face-samples.js";
import { faceCheck } from "./face-check.js";
import { nudityCheck } from "./nudity-check.js";
import { tfRuntime } from "./tf-runtime.js";

/**
 * The real models on photos with known answers (testing/face-samples.ts). Probabilities are compared
 * only against wide margins: the models promise classes, not digits.
 */

let checks: ImageCheck[];
const analyse = async (image: DecodedImage): Promise<ImageAnalysis> => {
  const verdict = await runChecks(checks, image);
  if (!verdict.pass) throw new Error(`refused by ${verdict.check}`);
  return verdict.analysis;
};
const distance = (a: number[], b: number[]) => Math.hypot(...a.map((value, i) => value - (b[i] ?? 0)));

/** Sample 1, the woman on the left: her face with a margin, cut out of the full-size photo. */
const LEFT_WOMAN = { x: 0.13, y: 0.17, width: 0.25, height: 0.4 };

beforeAll(async () => {
  checks = [await nudityCheck(), await faceCheck(0.5)];
}, 120_000);

describe("detectors", () => {
  it("counts the faces in group photos, largest first, boxes inside the image", async () => {
    for (const n of [1, 4] as const) {
      const { faces = [] } = await analyse(await decodedSample(n));
      expect(faces).toHaveLength(SAMPLE_FACE_COUNTS[n]);
      const areas = faces.map((face) => face.width * face.height);
      expect(areas).toEqual([...areas].sort((a, b) => b - a));
      for (const face of faces) {
        expect(face.x + face.width).toBeLessThanOrEqual(1);
        expect(face.y + face.height).toBeLessThanOrEqual(1);
        expect(face.score).toBeGreaterThanOrEqual(0.5);
      }
    }
  }, 120_000);

  it("finds no face and no descriptor in an image of shapes", async () => {
    const { data, info } = await sharp({
      create: { width: 600, height: 600, channels: 3, background: "#2040c0" },
    })
      .composite([{ input: { create: { width: 200, height: 300, channels: 3, background: "#ff0000" } } }])
      .raw()
      .toBuffer({ resolveWithObject: true });
    const analysis = await analyse({ width: info.width, height: info.height, channels: 3, pixels: data });
    expect(analysis.faces).toEqual([]);
    expect(analysis.face_descriptor).toBeUndefined();
  }, 60_000);

  it("finds one face in a crop; descriptors are close for one woman and far for two", async () => {
    const crop = await analyse(await decodedRegion(1, LEFT_WOMAN));
    expect(crop.faces).toHaveLength(1);
    expect(crop.face_descriptor).toHaveLength(128);
    // The same woman in a wider, differently scaled cut: the same photo, so this checks robustness
    // to framing and scale, not to a second photo of her (no such pair ships with the package).
    const wider = await analyse(await decodedRegion(1, { x: 0.05, y: 0.05, width: 0.36, height: 0.7 }));
    const other = await analyse(await decodedRegion(1, { x: 0.36, y: 0.2, width: 0.27, height: 0.45 }));
    expect(wider.faces).toHaveLength(1);
    expect(other.faces).toHaveLength(1);
    // face-api's usual threshold: one person is under 0.6 apart, two people over it.
    expect(distance(crop.face_descriptor ?? [], wider.face_descriptor ?? [])).toBeLessThan(0.6);
    expect(distance(crop.face_descriptor ?? [], other.face_descriptor ?? [])).toBeGreaterThan(0.6);
  }, 120_000);

  it("scores an ordinary clothed photo far below explicit content", async () => {
    const { nudity } = await analyse(await decodedSample(1));
    expect(nudity).toBeDefined();
    const scores = nudity ?? { drawing: 1, hentai: 1, neutral: 1, porn: 1, sexy: 1 };
    expect(Object.values(scores).reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 1);
    expect(nudityScore(scores)).toBeLessThan(0.1);
  }, 60_000);

  it("leaves no tensor behind after a run", async () => {
    const { tf } = await tfRuntime();
    const image = await decodedSample(1, 400);
    await analyse(image);
    const before = tf.memory().numTensors;
    await analyse(image);
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
