import {
  ImageWorkerReady,
  ImageWorkerReply,
  type ImageJob,
  type ImageWorkerSettings,
  type ImageWorkerReply as Reply,
  type VenusConfig,
} from "@venus/model";
import { compileValidator, SupervisedWorker, type Logger } from "@venus/simple-backend";

const checkReady = compileValidator(ImageWorkerReady);

export type ImageWorker = SupervisedWorker<ImageJob, Reply>;

/** How to start `venus image-worker`: the server passes its own program. */
export interface WorkerCommand {
  command: string;
  args: readonly string[];
}

export function imageWorkerSettings(media: VenusConfig["media"]): ImageWorkerSettings {
  return {
    type: "settings",
    sizes: media.sizes,
    jpeg_quality: media.jpeg_quality,
    max_pixels: media.max_pixels,
    min_side: media.min_side,
    checks: {
      max_aspect_ratio: media.max_aspect_ratio,
      detectors: media.detectors,
      face_min_confidence: media.face_min_confidence,
    },
  };
}

/** The supervised `venus image-worker` child, configured from `[media]`; not started yet. */
export function createImageWorker(config: VenusConfig, log: Logger, command: WorkerCommand): ImageWorker {
  const { media } = config;
  return new SupervisedWorker<ImageJob, Reply>({
    name: "image-worker",
    command: command.command,
    args: command.args,
    initMessage: imageWorkerSettings(media),
    log,
    isReady: (value) => checkReady(value).ok,
    checkReply: compileValidator(ImageWorkerReply),
    jobTimeoutMs: media.worker_job_timeout_seconds * 1000,
    startTimeoutMs: media.worker_start_timeout_seconds * 1000,
    maxQueued: media.worker_queue_size,
    restartMaxMs: media.worker_restart_max_seconds * 1000,
  });
}
