import { countUse, leftToday, secondsUntilTomorrow } from "@venus/data-common";
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import {
  VenusError,
  type ImageJobDone,
  type ProcessingFailureReason,
  type ProcessingState,
  type ProcessingStatus,
  invalidField,
  retryLater,
} from "@venus/model";
import { WorkerError } from "@venus/simple-backend";
import type { MediaContext } from "../context.js";
import { wipeFiles } from "../media-files.js";
import type { Content, MediaAccount } from "../media-entities.js";
import { saveMedia } from "./save-media.js";

type FinalState = Extract<ProcessingState, { state: "completed" | "failed" }>;

const newId = () => randomBytes(16).toString("base64url");

const WORKER_FAILURES: Record<string, ProcessingFailureReason> = {
  worker_timeout: "timeout",
  worker_crashed: "worker_crashed",
  worker_stopped: "server_stopping",
};

/**
 * Starts processing an uploaded image: checks the account's limits, saves the bytes for the worker
 * and queues the job. Answers with the first status; later ones arrive as `content_processing_state`
 * events. A full worker queue is `503 busy` with the worker's wait estimate.
 */
export async function startUpload(
  ctx: MediaContext,
  accountId: string,
  body: Buffer,
): Promise<ProcessingStatus> {
  const { media } = ctx.config;
  const account = ctx.cache.account(accountId);
  const now = ctx.now();
  if (account.upload?.active) throw new VenusError("upload_in_progress");
  if (leftToday(account.uploads, ctx.flags.get("uploads_per_day"), now) === 0)
    throw retryLater("upload_limit_reached", secondsUntilTomorrow(now));
  if (account.content.length >= media.max_items_per_account) throw new VenusError("content_limit_reached");
  if (body.length === 0) throw invalidField("", "the request body holds no image");
  if (!ctx.worker.hasRoom()) throw busy(ctx);

  const contentId = newId();
  const upload = {
    status: { processing_id: newId(), state: "processing" } as ProcessingStatus,
    active: true,
  };
  account.upload = upload;
  const input = ctx.files.upload(contentId);
  // An upload refused before its job was queued leaves no status behind.
  const withdraw = async () => {
    upload.active = false;
    account.upload = undefined;
    await wipeFiles([input]);
  };
  try {
    await mkdir(ctx.files.tmpDir, { recursive: true, mode: 0o700 });
    await mkdir(ctx.files.accountDir(accountId), { recursive: true, mode: 0o700 });
    await writeFile(input, body, { mode: 0o600 });
  } catch (error) {
    await withdraw().catch(() => undefined);
    throw error;
  }
  // Checked again: the queue may have filled while the bytes were written.
  if (!ctx.worker.hasRoom()) {
    await withdraw();
    throw busy(ctx);
  }
  countUse(account.uploads, now);
  const setState = (state: ProcessingState) => {
    upload.status = { processing_id: upload.status.processing_id, ...state };
    ctx.connections.publish(accountId, "content_processing_state", upload.status);
  };
  const job = ctx.worker.request(
    { type: "job", job_id: contentId, input_path: input, output_dir: ctx.files.accountDir(accountId) },
    {
      onPosition: (position) =>
        setState(position === 0 ? { state: "processing" } : { state: "in_queue", position }),
    },
  );
  ctx.metrics.waiting.set(ctx.worker.queued);
  const finishing = job
    .then(
      (reply) =>
        reply.type === "done"
          ? complete(ctx, account, contentId, reply)
          : fail(ctx, account, contentId, reply.reason),
      (error: unknown) => {
        if (!(error instanceof WorkerError)) ctx.log.error({ err: error, contentId }, "image job failed");
        return fail(
          ctx,
          account,
          contentId,
          error instanceof WorkerError ? (WORKER_FAILURES[error.code] ?? "internal") : "internal",
        );
      },
    )
    .then(
      (state) => {
        upload.active = false;
        ctx.metrics.results.inc({ result: state.state === "completed" ? "completed" : state.reason });
        setState(state);
      },
      (error: unknown) => {
        upload.active = false;
        ctx.metrics.results.inc({ result: "internal" });
        ctx.log.error({ err: error, contentId }, "could not finish an upload");
        setState({ state: "failed", reason: "internal" });
      },
    )
    .finally(() => {
      ctx.finishing.delete(finishing);
      ctx.metrics.waiting.set(ctx.worker.queued);
      return wipeFiles([input]).catch((error: unknown) =>
        ctx.log.warn({ err: error, input }, "could not remove an upload"),
      );
    });
  ctx.finishing.add(finishing);
  return upload.status;
}

function busy(ctx: MediaContext): VenusError {
  ctx.metrics.results.inc({ result: "busy" });
  return retryLater("busy", ctx.worker.retryAfterSeconds(), "the image worker's queue is full; retry later");
}

async function complete(
  ctx: MediaContext,
  account: MediaAccount,
  contentId: string,
  reply: ImageJobDone,
): Promise<FinalState> {
  const content: Content = {
    id: contentId,
    accountId: account.accountId,
    state: "waiting",
    rejection: null,
    files: reply.outputs,
    uploadedAt: ctx.now(),
    moderatedAt: null,
    decision: null,
    deletedAt: null,
    analysis: ctx.config.media.detectors.length === 0 ? null : reply.analysis,
  };
  ctx.cache.content.set(contentId, content);
  account.content.push(content);
  ctx.cache.moderation.add(contentId, { accountId: account.accountId, contentId });
  await saveMedia(ctx, account, [content]);
  ctx.moderationQueued.raise("images");
  return { state: "completed", content_id: contentId };
}

async function fail(
  ctx: MediaContext,
  account: MediaAccount,
  contentId: string,
  reason: ProcessingFailureReason,
): Promise<FinalState> {
  await wipeFiles(await ctx.files.outputsOf(account.accountId, contentId));
  return { state: "failed", reason };
}

/** The latest upload's status, while the account remembers it (until the next upload or a restart). */
export function uploadStatus(ctx: MediaContext, accountId: string, processingId: string): ProcessingStatus {
  const status = ctx.cache.accounts.get(accountId)?.upload?.status;
  if (status?.processing_id !== processingId) throw new VenusError("not_found", "no such upload");
  return status;
}
