import { Type, type Static } from "@sinclair/typebox";
import { DetectorName, ImageAnalysis } from "./image-analysis.js";

/**
 * Messages between the server and `venus image-worker` (DESIGN.md §5). Each travels as one
 * length-prefixed msgpackr frame (docs/image-worker.md). The server sends `settings` once, first;
 * the worker answers `ready` once it can take jobs. Then the server sends `job` messages; the worker
 * handles one job at a time and answers each with `done` or `failed`.
 */

/** Job ids become part of output file names, so they are restricted to a safe alphabet. */
export const ImageJobId = Type.String({ pattern: "^[A-Za-z0-9_-]{1,64}$" });

export const ImageWorkerSettings = Type.Object(
  {
    type: Type.Literal("settings"),
    sizes: Type.Array(Type.Integer({ minimum: 16, maximum: 8192 }), {
      minItems: 1,
      maxItems: 16,
      description: "Long-edge sizes in px to encode, e.g. [1280, 854, 640, 426, 256]; never upscaled.",
    }),
    jpeg_quality: Type.Integer({ minimum: 1, maximum: 100 }),
    max_pixels: Type.Integer({ minimum: 1, description: "Width × height above which an image is refused." }),
    min_side: Type.Integer({ minimum: 1, description: "Shortest accepted side in px (after orientation)." }),
    checks: Type.Object(
      {
        max_aspect_ratio: Type.Number({
          minimum: 1,
          description: "Long side / short side above which the aspect_ratio check fails.",
        }),
        detectors: Type.Array(DetectorName, { uniqueItems: true, description: "Detectors to load and run." }),
        face_min_confidence: Type.Number({ minimum: 0, maximum: 1 }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type ImageWorkerSettings = Static<typeof ImageWorkerSettings>;

export const ImageJob = Type.Object(
  {
    type: Type.Literal("job"),
    job_id: ImageJobId,
    input_path: Type.String({ minLength: 1 }),
    output_dir: Type.String({ minLength: 1 }),
  },
  { additionalProperties: false },
);
export type ImageJob = Static<typeof ImageJob>;

export const ImageWorkerRequest = Type.Union([ImageWorkerSettings, ImageJob]);
export type ImageWorkerRequest = Static<typeof ImageWorkerRequest>;

/** The worker's first frame: settings accepted, checks loaded; job timeouts start counting now. */
export const ImageWorkerReady = Type.Object({ type: Type.Literal("ready") });
export type ImageWorkerReady = Static<typeof ImageWorkerReady>;

export const ImageOutput = Type.Object({
  size: Type.Integer({ description: "The configured long-edge size this file stands for." }),
  width: Type.Integer(),
  height: Type.Integer(),
  file: Type.String({ description: "File name inside the job's output_dir." }),
});
export type ImageOutput = Static<typeof ImageOutput>;

export const ImageJobDone = Type.Object({
  type: Type.Literal("done"),
  job_id: ImageJobId,
  outputs: Type.Array(ImageOutput, { description: "Largest first." }),
  analysis: ImageAnalysis,
});
export type ImageJobDone = Static<typeof ImageJobDone>;

export const IMAGE_FAILURE_REASONS = [
  "not_an_image",
  "unsupported_format",
  "corrupt_image",
  "too_small",
  "too_many_pixels",
  "check_failed",
  "internal",
] as const;
export const ImageFailureReason = Type.Union(IMAGE_FAILURE_REASONS.map((reason) => Type.Literal(reason)));
export type ImageFailureReason = (typeof IMAGE_FAILURE_REASONS)[number];

export const ImageJobFailed = Type.Object({
  type: Type.Literal("failed"),
  job_id: ImageJobId,
  reason: ImageFailureReason,
  detail: Type.Optional(Type.String({ description: "For logs; the failing check's name for check_failed." })),
});
export type ImageJobFailed = Static<typeof ImageJobFailed>;

export const ImageWorkerReply = Type.Union([ImageJobDone, ImageJobFailed]);
export type ImageWorkerReply = Static<typeof ImageWorkerReply>;
