import { open } from "node:fs/promises";
import type { ManagerCaller } from "../remotes/manager-caller.js";
import { BackupError } from "./backup-error.js";
import { chunkCount, recordLength, sealChunkInto } from "./chunk-cipher.js";
import { readFully } from "./file-blocks.js";
import { callPeer } from "./peer-call.js";
import type { LocalFile } from "./source-snapshot.js";
import type { Uploader } from "./upload-file.js";

/** Blocks `[from, to)` of a file. */
export type BlockRange = [number, number];

/** Declares a snapshot file's block hashes to the peer; resolves with the blocks it must be sent. */
export async function declareBlocks(
  caller: ManagerCaller,
  path: string,
  file: LocalFile,
): Promise<BlockRange[]> {
  const answer = await callPeer<{ needed: BlockRange[] }>(caller, "POST", `${path}/blocks`, file.blocks);
  return answer.needed;
}

/** Plaintext bytes of the ranges. */
export const rangeBytes = (file: LocalFile, ranges: readonly BlockRange[]): number =>
  ranges.reduce(
    (sum, [from, to]) => sum + Math.min(to * file.blockBytes, file.size) - from * file.blockBytes,
    0,
  );

/** Sends the blocks of `ranges`, as many consecutive ones to a request as fit `chunkBytes`. */
export async function sendBlocks(
  uploader: Uploader,
  file: LocalFile,
  ranges: readonly BlockRange[],
  identity: string,
  path: string,
): Promise<void> {
  const { blockBytes } = file;
  const count = chunkCount(file.size, blockBytes);
  const perRequest = Math.max(1, Math.floor(uploader.chunkBytes / blockBytes));
  const buffer = Buffer.allocUnsafe(perRequest * blockBytes);
  // Reused: a request's body is no longer needed once its answer has come.
  const body = Buffer.allocUnsafe(perRequest * recordLength(blockBytes));
  const handle = await open(file.file, "r");
  try {
    for (const [from, to] of ranges)
      for (let first = from; first < to; first += perRequest) {
        uploader.signal.throwIfAborted();
        const end = Math.min(first + perRequest, to);
        const start = first * blockBytes;
        const length = Math.min(end * blockBytes, file.size) - start;
        if ((await readFully(handle, buffer, length, start)) < length)
          throw new BackupError(500, "file_changed", `${file.file} shrank while it was sent`);
        let sealed = 0;
        for (let index = first; index < end; index++) {
          const at = (index - first) * blockBytes;
          const plain = buffer.subarray(at, Math.min(at + blockBytes, length));
          sealChunkInto(body, sealed, uploader.key, identity, index, index === count - 1, plain);
          sealed += recordLength(plain.length);
        }
        await callPeer(uploader.caller, "PUT", `${path}/${first}`, body.subarray(0, sealed));
        uploader.onBytes(length);
      }
  } finally {
    await handle.close();
  }
}
