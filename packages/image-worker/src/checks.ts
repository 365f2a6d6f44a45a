import type { ImageAnalysis, ImageWorkerSettings } from "@venus/model";
import { faceCheck } from "./detectors/face-check.js";
import { nudityCheck } from "./detectors/nudity-check.js";

/**
 * The pluggable check step. It runs after the image has been decoded, auto-oriented and flattened
 * to 8-bit sRGB, and before anything is written. Each check sees the decoded pixels and either
 * passes or fails with a reason; the first failure ends the job as `check_failed` with the check's
 * name as the detail.
 *
 * To add a detector (a face detector, a nudity classifier, …): implement `ImageCheck` in its own
 * file, give it a stable `name`, and add it to the list `createChecks` returns, reading any
 * thresholds from `settings.checks` (extend `ImageWorkerSettings.checks` in @venus/model). A check
 * may be async and may load a model once in its factory; it must not keep references to `pixels`
 * after `run` returns. See docs/image-worker.md.
 */

/** Decoded, oriented pixels: `width × height × channels` bytes, row-major, sRGB, no alpha. */
export interface DecodedImage {
  width: number;
  height: number;
  channels: number;
  pixels: Buffer;
}

/** A passing check may report findings (a detector's scores), which go with the job's answer. */
export type CheckResult = { pass: true; findings?: ImageAnalysis } | { pass: false; reason: string };

export interface ImageCheck {
  /** Stable identifier, reported as the failure detail and in logs, e.g. `aspect_ratio`. */
  readonly name: string;
  run(image: DecodedImage): CheckResult | Promise<CheckResult>;
}

/** Refuses very long or very tall images (banners, screenshots of chats), which tile badly. */
export function aspectRatioCheck(maxRatio: number): ImageCheck {
  return {
    name: "aspect_ratio",
    run({ width, height }) {
      const ratio = Math.max(width, height) / Math.min(width, height);
      return ratio <= maxRatio
        ? { pass: true }
        : { pass: false, reason: `aspect ratio ${ratio.toFixed(2)} exceeds ${maxRatio}` };
    },
  };
}

/** The checks the worker runs, in order, for the given settings; detectors load their models here. */
export async function createChecks(settings: ImageWorkerSettings): Promise<ImageCheck[]> {
  const { max_aspect_ratio, detectors, face_min_confidence } = settings.checks;
  const checks = [aspectRatioCheck(max_aspect_ratio)];
  if (detectors.includes("nudity")) checks.push(await nudityCheck());
  if (detectors.includes("faces")) checks.push(await faceCheck(face_min_confidence));
  return checks;
}

/** Runs the checks in order; the first failure wins. Findings of passing checks are merged. */
export async function runChecks(
  checks: readonly ImageCheck[],
  image: DecodedImage,
): Promise<{ pass: true; analysis: ImageAnalysis } | { pass: false; check: string; reason: string }> {
  let analysis: ImageAnalysis = {};
  for (const check of checks) {
    const result = await check.run(image);
    if (!result.pass) return { pass: false, check: check.name, reason: result.reason };
    if (result.findings) analysis = { ...analysis, ...result.findings };
  }
  return { pass: true, analysis };
}
