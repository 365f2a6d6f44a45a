import type { Readable, Writable } from "node:stream";
import {
  ImageJob,
  ImageWorkerSettings,
  type ImageWorkerReady,
  type ImageWorkerReply,
  type ImageWorkerSettings as Settings,
} from "@venus/model";
import {
  compileValidator,
  encodeFrame,
  FrameDecoder,
  formatIssues,
  type Logger,
} from "@venus/simple-backend";
import { createChecks, type ImageCheck } from "./checks.js";
import { processImage } from "./process-image.js";

/**
 * The `venus image-worker` loop: frames in on stdin, frames out on stdout, logs on stderr only.
 * The first frame must be `settings`, answered with `ready`; every later frame is a `job`, handled one at a time and
 * answered with `done` or `failed`. Returns the exit code: 0 when stdin ends, 2 on a protocol error
 * (bad frame, missing settings), after which the server starts a fresh worker.
 */

const checkSettings = compileValidator(ImageWorkerSettings);
const checkJob = compileValidator(ImageJob);

class ProtocolError extends Error {}

export async function runImageWorker(
  stdin: Readable,
  stdout: Writable,
  log: Logger,
  makeChecks: (settings: Settings) => Promise<ImageCheck[]> = createChecks,
): Promise<number> {
  const decoder = new FrameDecoder();
  let settings: Settings | undefined;
  let checks: ImageCheck[] = [];
  const reply = (message: ImageWorkerReply | ImageWorkerReady) => stdout.write(encodeFrame(message));

  const handle = async (message: unknown): Promise<void> => {
    if (!settings) {
      const parsed = checkSettings(message);
      if (!parsed.ok) throw new ProtocolError(`expected settings first: ${formatIssues(parsed.issues)}`);
      settings = parsed.value;
      checks = await makeChecks(settings);
      log.info({ sizes: settings.sizes, checks: checks.map((check) => check.name) }, "image worker ready");
      reply({ type: "ready" });
      return;
    }
    const parsed = checkJob(message);
    if (!parsed.ok) throw new ProtocolError(`bad job: ${formatIssues(parsed.issues)}`);
    const job = parsed.value;
    const started = performance.now();
    try {
      const result = await processImage(
        { jobId: job.job_id, inputPath: job.input_path, outputDir: job.output_dir },
        settings,
        checks,
      );
      const ms = Math.round(performance.now() - started);
      if (result.ok) {
        log.info({ job_id: job.job_id, ms, outputs: result.outputs.length }, "image job done");
        reply({ type: "done", job_id: job.job_id, outputs: result.outputs, analysis: result.analysis });
      } else {
        log.info(
          { job_id: job.job_id, ms, reason: result.reason, detail: result.detail },
          "image job refused",
        );
        reply({
          type: "failed",
          job_id: job.job_id,
          reason: result.reason,
          ...(result.detail === undefined ? {} : { detail: result.detail }),
        });
      }
    } catch (error) {
      log.error({ job_id: job.job_id, err: error }, "image job failed");
      reply({ type: "failed", job_id: job.job_id, reason: "internal" });
    }
  };

  try {
    for await (const chunk of stdin as AsyncIterable<Buffer>) {
      for (const message of decoder.push(chunk)) await handle(message);
    }
  } catch (error) {
    log.error({ err: error }, "image worker protocol error");
    return 2;
  }
  if (decoder.bufferedBytes > 0) log.warn({ bytes: decoder.bufferedBytes }, "stdin ended inside a frame");
  return 0;
}
