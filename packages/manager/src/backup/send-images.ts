import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ManagerCaller } from "../remotes/manager-caller.js";
import type { ImageEntry } from "./backup-values.js";
import { BackupError } from "./backup-error.js";
import { recordLength, sealChunkInto } from "./chunk-cipher.js";
import { batchedImageBytes } from "./image-batch.js";
import { callPeer } from "./peer-call.js";
import { identities } from "./store-layout.js";
import { uploadFile, type Uploader } from "./upload-file.js";

/** Declares the image files in batches; resolves with those whose content the peer lacks, by hash. */
export async function declareImages(
  caller: ManagerCaller,
  session: string,
  images: readonly ImageEntry[],
  batch: number,
): Promise<Map<string, ImageEntry[]>> {
  const missing = new Set<string>();
  for (let at = 0; at < images.length; at += batch) {
    const answer = await callPeer<{ missing: string[] }>(caller, "POST", `${session}/images`, {
      images: images.slice(at, at + batch),
    });
    for (const sha256 of answer.missing) missing.add(sha256);
  }
  const byContent = new Map<string, ImageEntry[]>();
  for (const image of images)
    if (missing.has(image.sha256))
      byContent.set(image.sha256, [...(byContent.get(image.sha256) ?? []), image]);
  return byContent;
}

type Content = [sha256: string, files: ImageEntry[]];

/**
 * Sends each content once (from the first of its files still there), `width` requests at a time: those
 * of at most `chunkBytes` many to a request, larger ones record by record. The first failure stops the
 * others. Resolves with how many were sent and the paths gone since listing.
 */
export async function sendImages(
  uploader: Uploader,
  dataDir: string,
  session: string,
  contents: Map<string, ImageEntry[]>,
  width: number,
): Promise<{ sent: number; vanished: string[] }> {
  const failed = new AbortController();
  const lanes = { ...uploader, signal: AbortSignal.any([uploader.signal, failed.signal]) };
  const vanished: string[] = [];
  let sent = 0;
  /** Calls `send` with each file of the content until one is there; false when none is. */
  const fromAnyFile = async (files: ImageEntry[], send: (image: ImageEntry) => Promise<void>) => {
    for (const image of files)
      try {
        await send(image);
        return true;
      } catch (error) {
        // Deleted since it was listed (the server's daily task wipes old deleted content): not backed up.
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
        vanished.push(image.path);
      }
    return false;
  };
  const sendLarge = async ([sha256, files]: Content) => {
    const path = `${session}/images/${sha256}`;
    const send = (image: ImageEntry) =>
      uploadFile(lanes, join(dataDir, image.path), image.size, identities.image(sha256), path);
    if (await fromAnyFile(files, send)) sent++;
  };
  const sendBatch = async (batch: Content[]) => {
    // Every file of a content has its size: the batch is sealed in place into one body.
    const body = Buffer.allocUnsafe(
      batch.reduce((sum, [, [first]]) => sum + batchedImageBytes(first?.size ?? 0), 0),
    );
    let at = 0;
    let images = 0;
    let bytes = 0;
    for (const [sha256, files] of batch)
      await fromAnyFile(files, async (image) => {
        // Synchronous: a small image is read in one call, cheaper than promise round trips.
        const plain = readFileSync(join(dataDir, image.path));
        if (plain.length !== image.size || at + batchedImageBytes(plain.length) > body.length)
          throw new BackupError(500, "file_changed", `${image.path} changed since it was listed`);
        at += body.write(sha256, at, "hex");
        sealChunkInto(body, at, lanes.key, identities.image(sha256), 0, true, plain);
        at += recordLength(plain.length);
        images++;
        bytes += plain.length;
      });
    lanes.signal.throwIfAborted();
    if (images > 0) await callPeer(lanes.caller, "PUT", `${session}/images`, body.subarray(0, at));
    sent += images;
    lanes.onBytes(bytes);
  };
  const tasks = batches(contents, uploader.chunkBytes).map((batch) =>
    batch.length === 1 && (batch[0]?.[1][0]?.size ?? 0) > uploader.chunkBytes
      ? () => sendLarge(batch[0] as Content)
      : () => sendBatch(batch),
  );
  const lane = async () => {
    for (let task = tasks.shift(); task !== undefined; task = tasks.shift())
      await task().catch((error: unknown) => {
        failed.abort(error);
        throw error;
      });
  };
  await Promise.all(Array.from({ length: Math.min(width, tasks.length) }, lane));
  return { sent, vanished };
}

/** Images in one request at most, so that their records' overhead stays small beside the limit. */
const BATCH_IMAGES = 1000;

/** Contents in groups of at most `bytes` and `BATCH_IMAGES` (a larger one alone). */
function batches(contents: Map<string, ImageEntry[]>, bytes: number): Content[][] {
  const groups: Content[][] = [];
  let current: Content[] = [];
  let size = 0;
  for (const content of contents) {
    const contentSize = content[1][0]?.size ?? 0;
    if (current.length > 0 && (size + contentSize > bytes || current.length === BATCH_IMAGES)) {
      groups.push(current);
      [current, size] = [[], 0];
    }
    current.push(content);
    size += contentSize;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
