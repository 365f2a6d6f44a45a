import type { ManagerConfig } from "@venus/model";
import type { ManagerCaller } from "../remotes/manager-caller.js";
import { callPeer } from "./peer-call.js";
import type { FinishResult } from "./peer-finish.js";
import { SESSIONS_PATH } from "./peer-routes.js";
import { declareImages, sendImages } from "./send-images.js";
import { listImages } from "./source-images.js";
import { snapshotDataDir } from "./source-snapshot.js";
import { identities } from "./store-layout.js";
import { declareBlocks, rangeBytes, sendBlocks, type BlockRange } from "./send-blocks.js";
import type { Uploader } from "./upload-file.js";

export type BackupPhase = "snapshot" | "images" | "sending" | "finishing";

export interface RunContext {
  caller: ManagerCaller;
  key: Buffer;
  config: ManagerConfig["backup"];
  serverDataDir: string;
  /** An empty directory of the manager's for the database copies. */
  workDir: string;
  hashCacheFile: string;
  signal: AbortSignal;
  onPhase: (phase: BackupPhase, totalBytes: number) => void;
  onBytes: (bytes: number) => void;
  /** The peer's session id, once it has one (to drop it if the backup fails). */
  onSession: (session: string) => void;
}

export interface BackupResult {
  snapshot: string;
  databases: string[];
  images_sent: number;
  images_skipped: number;
  images_removed: number;
  bytes_sent: number;
}

/**
 * One backup session, source side: snapshot, declare the files' blocks and the images, send what the
 * peer lacks, finish. `bytes_sent` counts the plaintext sent and the block lists.
 */
export async function runBackupSession(ctx: RunContext): Promise<BackupResult> {
  const { caller, config } = ctx;
  ctx.onPhase("snapshot", 0);
  const files = await snapshotDataDir(ctx.serverDataDir, ctx.workDir);
  // Listed after the snapshots: every image a snapshot names was written before it, so it is listed.
  ctx.onPhase("images", 0);
  const images = await listImages(ctx.serverDataDir, ctx.hashCacheFile);
  const begun = await callPeer<{ session: string; snapshot: string }>(caller, "POST", SESSIONS_PATH, {
    source: config.source_name,
    files: files.map(({ name, size, sha256, blockBytes }) => ({
      name,
      size,
      sha256,
      block_bytes: blockBytes,
    })),
  });
  ctx.onSession(begun.session);
  const session = `${SESSIONS_PATH}/${begun.session}`;
  let bytesSent = 0;
  const needed: BlockRange[][] = [];
  for (const file of files) {
    needed.push(await declareBlocks(caller, `${session}/files/${file.name}`, file));
    bytesSent += file.blocks.length;
  }
  const contents = await declareImages(caller, session, images, config.image_batch);

  const imageBytes = [...contents.values()].reduce((sum, [first]) => sum + (first?.size ?? 0), 0);
  const fileBytes = files.reduce((sum, file, i) => sum + rangeBytes(file, needed[i] ?? []), 0);
  const totalBytes = fileBytes + imageBytes;
  ctx.onPhase("sending", totalBytes);
  // The databases go one request at a time beside the images' lanes, so that the source seals the
  // next pieces while the peer stores the last ones; the first failure stops both.
  const failed = new AbortController();
  const uploader: Uploader = {
    caller,
    key: ctx.key,
    chunkBytes: config.chunk_bytes,
    signal: AbortSignal.any([ctx.signal, failed.signal]),
    onBytes: (bytes) => {
      bytesSent += bytes;
      ctx.onBytes(bytes);
    },
  };
  const sendFiles = async () => {
    for (const [i, file] of files.entries()) {
      const identity = identities.file(config.source_name, begun.snapshot, file.name);
      await sendBlocks(uploader, file, needed[i] ?? [], identity, `${session}/files/${file.name}`);
    }
  };
  const stopBoth = (error: unknown): never => {
    failed.abort(error);
    throw error;
  };
  const [filesSent, imagesSent] = await Promise.allSettled([
    sendFiles().catch(stopBoth),
    sendImages(uploader, ctx.serverDataDir, session, contents, config.parallel_uploads).catch(stopBoth),
  ]);
  if (filesSent.status === "rejected") throw filesSent.reason;
  if (imagesSent.status === "rejected") throw imagesSent.reason;
  const { sent, vanished } = imagesSent.value;

  ctx.onPhase("finishing", totalBytes);
  const finished = await callPeer<FinishResult>(caller, "POST", `${session}/finish`, { vanished });
  const pathsSent = [...contents.values()].reduce((sum, paths) => sum + paths.length, 0);
  return {
    snapshot: finished.snapshot,
    databases: files.filter((file) => file.name.endsWith(".sqlite")).map((file) => file.name),
    images_sent: sent,
    images_skipped: images.length - pathsSent,
    images_removed: finished.images_removed,
    bytes_sent: bytesSent,
  };
}
