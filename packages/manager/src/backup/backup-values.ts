import { BackupError } from "./backup-error.js";
import { chunkCount, MAX_CHUNK_BYTES } from "./chunk-cipher.js";
import { isBlockSize, MAX_DECLARED_BLOCKS, MIN_BLOCK_BYTES } from "./file-blocks.js";
import { HEX_SHA256, isSafeRelativePath, SAFE_NAME } from "./store-layout.js";

/** A file of a snapshot as the source declares it and the manifest lists it. */
export interface FileEntry {
  name: string;
  size: number;
  sha256: string;
  /** Sent in blocks of this many bytes (file-blocks.ts); absent from sources before blocks. */
  block_bytes?: number;
}

/** An image file of the data directory: its path there and its content. */
export interface ImageEntry {
  path: string;
  size: number;
  sha256: string;
}

const invalid = (message: string) => new BackupError(400, "invalid_request", message);

export function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw invalid(`${what} must be an object`);
  return value as Record<string, unknown>;
}

export function list(value: unknown, what: string, max: number): unknown[] {
  if (!Array.isArray(value)) throw invalid(`${what} must be an array`);
  if (value.length > max) throw new BackupError(413, "too_many", `${what} holds at most ${max} entries`);
  return value;
}

export function text(value: unknown, what: string, pattern: RegExp): string {
  if (typeof value !== "string" || !pattern.test(value)) throw invalid(`${what} is missing or malformed`);
  return value;
}

function size(value: unknown, what: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0)
    throw invalid(`${what} must be a whole number of bytes`);
  return value;
}

export function fileEntry(value: unknown, what: string): FileEntry {
  const entry = record(value, what);
  const name = text(entry.name, `${what}.name`, SAFE_NAME);
  if (name === "manifest") throw invalid(`${what}.name may not be "manifest"`);
  const file = {
    name,
    size: size(entry.size, `${what}.size`),
    sha256: text(entry.sha256, `${what}.sha256`, HEX_SHA256),
  };
  if (entry.block_bytes === undefined) return file;
  if (typeof entry.block_bytes !== "number" || !isBlockSize(entry.block_bytes))
    throw invalid(`${what}.block_bytes must be a power of two from ${MIN_BLOCK_BYTES} to ${MAX_CHUNK_BYTES}`);
  if (chunkCount(file.size, entry.block_bytes) > MAX_DECLARED_BLOCKS)
    throw new BackupError(413, "too_many", `${what} has more than ${MAX_DECLARED_BLOCKS} blocks`);
  return { ...file, block_bytes: entry.block_bytes };
}

export function imageEntry(value: unknown, what: string): ImageEntry {
  const entry = record(value, what);
  const path = entry.path;
  if (typeof path !== "string" || !isSafeRelativePath(path))
    throw invalid(`${what}.path is not a safe relative path`);
  return {
    path,
    size: size(entry.size, `${what}.size`),
    sha256: text(entry.sha256, `${what}.sha256`, HEX_SHA256),
  };
}

/** The entries' names must differ: two files of one name would overwrite each other. */
export function distinct<T>(entries: readonly T[], key: (entry: T) => string, what: string): void {
  const seen = new Set<string>();
  for (const entry of entries) {
    if (seen.has(key(entry))) throw invalid(`${what} names "${key(entry)}" twice`);
    seen.add(key(entry));
  }
}
