import { createHash } from "node:crypto";
import { open, type FileHandle } from "node:fs/promises";
import { BackupError } from "./backup-error.js";
import { chunkCount, MAX_CHUNK_BYTES } from "./chunk-cipher.js";
import type { FileDigest } from "./sealed-file.js";

/**
 * The databases and small files of a snapshot travel and are stored in blocks of a power of two bytes,
 * one sealed record each: 64 KiB (16 SQLite pages), doubled until a file has at most `MAX_BLOCKS`.
 * SQLite's backup API writes every page at its own place, so an unchanged page lands in the same block
 * as last time, and the peer takes every block whose SHA-256 it already holds from its newest snapshot.
 */
export const MIN_BLOCK_BYTES = 64 * 1024;
const MAX_BLOCKS = 65_536;
/** The most blocks a peer takes for one file: their hashes fit one request. */
export const MAX_DECLARED_BLOCKS = 2 * MAX_BLOCKS;
export const BLOCK_HASH_BYTES = 32;

export interface BlockDigest extends FileDigest {
  blockBytes: number;
  /** Each block's SHA-256, one after another. */
  blocks: Buffer;
}

export function blockBytesFor(size: number): number {
  let blockBytes = MIN_BLOCK_BYTES;
  while (chunkCount(size, blockBytes) > MAX_BLOCKS && blockBytes < MAX_CHUNK_BYTES) blockBytes *= 2;
  if (chunkCount(size, blockBytes) > MAX_DECLARED_BLOCKS)
    throw new BackupError(413, "file_too_large", `a file of ${size} bytes is too large to back up`);
  return blockBytes;
}

/** A block size a peer accepts: a power of two from `MIN_BLOCK_BYTES` to the largest record. */
export const isBlockSize = (value: number): boolean =>
  Number.isSafeInteger(value) &&
  value >= MIN_BLOCK_BYTES &&
  value <= MAX_CHUNK_BYTES &&
  (value & (value - 1)) === 0;

/** Reads `length` bytes at `position` unless the file ends first; resolves with how many it read. */
export async function readFully(
  file: FileHandle,
  buffer: Buffer,
  length: number,
  position: number,
): Promise<number> {
  let read = 0;
  while (read < length) {
    const { bytesRead } = await file.read(buffer, read, length - read, position + read);
    if (bytesRead === 0) break;
    read += bytesRead;
  }
  return read;
}

/** The size and SHA-256 of a file, and of each of its blocks, in one read. */
export async function digestBlocks(path: string): Promise<BlockDigest> {
  const file = await open(path, "r");
  try {
    const { size } = await file.stat();
    const blockBytes = blockBytesFor(size);
    const count = chunkCount(size, blockBytes);
    const blocks = Buffer.alloc(count * BLOCK_HASH_BYTES);
    const whole = createHash("sha256");
    const buffer = Buffer.allocUnsafe(Math.max(blockBytes, 1024 * 1024));
    let done = 0;
    for (let index = 0; index < count;) {
      const bytesRead = await readFully(file, buffer, Math.min(buffer.length, size - done), done);
      if (bytesRead < Math.min(buffer.length, size - done))
        throw new BackupError(500, "file_changed", `${path} shrank while it was read`);
      for (let at = 0; at < bytesRead || (size === 0 && index === 0); at += blockBytes, index++) {
        const block = buffer.subarray(at, Math.min(at + blockBytes, bytesRead));
        whole.update(block);
        createHash("sha256")
          .update(block)
          .digest()
          .copy(blocks, index * BLOCK_HASH_BYTES);
      }
      done += bytesRead;
    }
    return { size, sha256: whole.digest("hex"), blockBytes, blocks };
  } finally {
    await file.close();
  }
}
