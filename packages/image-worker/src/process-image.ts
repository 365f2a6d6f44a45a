import { readFile } from "node:fs/promises";
import path from "node:path";
import sharp, { type Metadata, type OutputInfo } from "sharp";
import type { ImageAnalysis, ImageFailureReason, ImageOutput, ImageWorkerSettings } from "@venus/model";
import { writeFileAtomic } from "@venus/simple-backend";
import { runChecks, type ImageCheck } from "./checks.js";
import { detectFormat } from "./detect-format.js";
import { planOutputs } from "./output-sizes.js";

/**
 * One image job: sniff the format from the bytes, read only the header to refuse images that are
 * too small or have too many pixels, then decode once (under sharp's `limitInputPixels`), auto-orient,
 * flatten to sRGB, run the checks, and encode a metadata-free JPEG for each planned size.
 */

export type ProcessResult =
  | { ok: true; outputs: ImageOutput[]; analysis: ImageAnalysis }
  | { ok: false; reason: ImageFailureReason; detail?: string };

export interface ProcessJob {
  jobId: string;
  inputPath: string;
  outputDir: string;
}

const fail = (reason: ImageFailureReason, detail?: string): ProcessResult =>
  detail === undefined ? { ok: false, reason } : { ok: false, reason, detail };

export async function processImage(
  job: ProcessJob,
  settings: ImageWorkerSettings,
  checks: readonly ImageCheck[],
): Promise<ProcessResult> {
  const input = await readFile(job.inputPath);
  const detected = detectFormat(input);
  if (detected.kind === "unknown") return fail("not_an_image");
  if (detected.kind === "unsupported") return fail("unsupported_format", detected.format);

  const options = { limitInputPixels: settings.max_pixels, failOn: "error" } as const;
  let header: Metadata;
  try {
    // Header only: sharp parses dimensions without decoding pixels, so bombs are refused cheaply.
    header = await sharp(input, { ...options, limitInputPixels: false }).metadata();
  } catch (error) {
    return fail("not_an_image", String(error));
  }
  if (header.format !== detected.format) return fail("not_an_image", `content decodes as ${header.format}`);
  const { width, height } = header.autoOrient;
  if (width * height > settings.max_pixels) return fail("too_many_pixels", `${width}x${height}`);
  if (Math.min(width, height) < settings.min_side) return fail("too_small", `${width}x${height}`);

  let decoded: { data: Buffer; info: OutputInfo };
  try {
    decoded = await sharp(input, options)
      .autoOrient()
      .flatten({ background: "#ffffff" })
      .toColourspace("srgb")
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    const message = String(error);
    return /pixel limit/i.test(message) ? fail("too_many_pixels", message) : fail("corrupt_image", message);
  }
  const image = {
    width: decoded.info.width,
    height: decoded.info.height,
    channels: decoded.info.channels,
    pixels: decoded.data,
  };
  const verdict = await runChecks(checks, image);
  if (!verdict.pass) return fail("check_failed", verdict.check);

  const raw = { raw: { width: image.width, height: image.height, channels: image.channels } } as const;
  const outputs: ImageOutput[] = [];
  for (const { size, longEdge } of planOutputs(image.width, image.height, settings.sizes)) {
    const { data, info } = await sharp(image.pixels, raw)
      .resize({ width: longEdge, height: longEdge, fit: "inside", withoutEnlargement: true })
      .jpeg({ quality: settings.jpeg_quality, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    const file = `${job.jobId}_${size}.jpg`;
    await writeFileAtomic(path.join(job.outputDir, file), data);
    outputs.push({ size, width: info.width, height: info.height, file });
  }
  return { ok: true, outputs, analysis: verdict.analysis };
}
