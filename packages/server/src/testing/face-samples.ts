import { createRequire } from "node:module";
import { join } from "node:path";
import sharp from "sharp";

/**
 * face-api's demo photo (3 clothed women at a party, 1920 × 1280), read in place from its npm
 * package (MIT): the detector tests' images with known answers (docs/image-worker.md).
 */
export const FACE_SAMPLE = join(
  createRequire(import.meta.url).resolve("@vladmandic/face-api/package.json"),
  "../demo/sample1.jpg",
);

/** A JPEG of part of the sample photo, given as fractions of its width and height. */
export function cutFaceSample(x: number, y: number, width: number, height: number): Promise<Buffer> {
  const [w, h] = [1920, 1280];
  return sharp(FACE_SAMPLE)
    .extract({
      left: Math.round(x * w),
      top: Math.round(y * h),
      width: Math.round(width * w),
      height: Math.round(height * h),
    })
    .jpeg()
    .toBuffer();
}

/** The media config of a test server that runs both detectors on small images. */
export const DETECTOR_MEDIA = {
  detectors: ["faces", "nudity"],
  min_side: 256,
  sizes: [640, 256],
  worker_job_timeout_seconds: 60,
};
