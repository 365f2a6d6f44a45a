import { Type } from "@sinclair/typebox";
import { configSection } from "@venus/simple-backend";
import { DetectorName } from "../media/image-analysis.js";

export const mediaConfigSection = configSection(
  "Images: uploads, the image worker, storage and moderation.",
  {
    max_upload_bytes: Type.Integer({
      default: 10485760,
      minimum: 1024,
      maximum: 104857600,
      description: "Largest upload body (PUT /media/upload); larger ones get 413 payload_too_large.",
    }),
    max_items_per_account: Type.Integer({
      default: 20,
      minimum: 2,
      maximum: 1000,
      description: "Content items an account may store (deleted ones do not count).",
    }),
    uploads_per_day: Type.Integer({
      default: 50,
      minimum: 1,
      description:
        "Uploads an account may start per UTC day, successful or not; initial value of the runtime flag uploads_per_day.",
    }),
    delete_wait_days: Type.Number({
      default: 90,
      minimum: 0,
      description:
        "Deleted content stays on disk (for reports and moderation) this long; then the daily task overwrites and removes its files.",
    }),
    sizes: Type.Array(Type.Integer({ minimum: 16, maximum: 8192 }), {
      default: [1280, 854, 640, 426, 256],
      minItems: 1,
      maxItems: 16,
      description: "Long-edge sizes in px the worker encodes each image at (never upscaled).",
    }),
    jpeg_quality: Type.Integer({
      default: 85,
      minimum: 1,
      maximum: 100,
      description: "JPEG quality, 1–100.",
    }),
    min_side: Type.Integer({
      default: 512,
      minimum: 16,
      description: "Images with a side shorter than this (after orientation) are refused (too_small).",
    }),
    max_pixels: Type.Integer({
      default: 40000000,
      minimum: 262144,
      description:
        "Images with more pixels are refused from their header, before decoding (too_many_pixels): decompression bombs never allocate.",
    }),
    max_aspect_ratio: Type.Number({
      default: 3,
      minimum: 1,
      description: "The built-in aspect_ratio check: long side / short side above this is refused.",
    }),
    detectors: Type.Array(DetectorName, {
      default: ["nudity", "faces"],
      uniqueItems: true,
      description:
        "Detectors the image worker runs on every upload (nudity: NSFW classifier; faces: boxes and a descriptor). [] switches them off; moderation rules that need one then refuse to start.",
    }),
    face_min_confidence: Type.Number({
      default: 0.5,
      minimum: 0.05,
      maximum: 0.99,
      description: "The face detector reports faces it is at least this sure of (0–1).",
    }),
    verify_min_similarity: Type.Number({
      default: 0.45,
      minimum: 0,
      maximum: 1,
      description:
        "An account is verified automatically when its security selfie's face and its first profile image's face are at least this similar (1 − descriptor distance; face-api's usual same-person distance 0.6 is 0.4); below, a human decides.",
    }),
    moderation_page_size: Type.Integer({
      default: 25,
      minimum: 1,
      maximum: 500,
      description: "Items per page of the image moderation queue.",
    }),
    worker_job_timeout_seconds: Type.Number({
      default: 30,
      exclusiveMinimum: 0,
      description:
        "A job running longer gets the worker killed and restarted; the upload fails (timeout). With detectors on, a worker's first job also loads the models (seconds on a busy machine).",
    }),
    worker_start_timeout_seconds: Type.Number({
      default: 30,
      exclusiveMinimum: 0,
      description:
        "A new worker that has not said it is ready within this is killed and restarted; its start-up never counts against a job.",
    }),
    worker_queue_size: Type.Integer({
      default: 100,
      minimum: 1,
      maximum: 10000,
      description: "Uploads waiting for the worker; beyond this an upload gets 503 busy with Retry-After.",
    }),
    worker_restart_max_seconds: Type.Number({
      default: 30,
      exclusiveMinimum: 0,
      description: "Longest wait before restarting a crashing worker (the back-off doubles from 0.2 s).",
    }),
  },
);
