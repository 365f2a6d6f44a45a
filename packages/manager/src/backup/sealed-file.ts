import { createHash } from "node:crypto";
import { open } from "node:fs/promises";
import { BackupError } from "./backup-error.js";
import {
  chunkCount,
  HEADER_BYTES,
  openChunk,
  recordLength,
  recordPlainLength,
  sealChunk,
} from "./chunk-cipher.js";

export interface FileDigest {
  size: number;
  sha256: string;
}

const corrupt = (message: string) => new BackupError(422, "corrupt_file", message);

/** Where a record lies in its stored file. */
export interface RecordPlace {
  position: number;
  length: number;
}

/**
 * Reads a stored file record by record, authenticating each one (see chunk-cipher.ts), and hands each
 * plaintext piece to `onPlain` in order. Resolves with the plaintext's size and SHA-256.
 */
export async function readSealedFile(
  path: string,
  key: Buffer,
  identity: string,
  onPlain?: (plain: Buffer, place: RecordPlace) => Promise<void> | void,
): Promise<FileDigest> {
  const file = await open(path, "r");
  try {
    const { size: fileSize } = await file.stat();
    const hash = createHash("sha256");
    let position = 0;
    let size = 0;
    for (let index = 0; index === 0 || position < fileSize; index++) {
      const header = Buffer.alloc(HEADER_BYTES);
      const { bytesRead } = await file.read(header, 0, HEADER_BYTES, position);
      if (bytesRead < HEADER_BYTES) throw corrupt(`record ${index} is cut short`);
      const length = recordLength(recordPlainLength(header));
      if (position + length > fileSize) throw corrupt(`record ${index} is cut short`);
      const record = Buffer.alloc(length);
      await file.read(record, 0, length, position);
      const place = { position, length };
      position += length;
      const plain = openChunk(key, identity, index, position === fileSize, record);
      hash.update(plain);
      size += plain.length;
      await onPlain?.(plain, place);
    }
    return { size, sha256: hash.digest("hex") };
  } finally {
    await file.close();
  }
}

export async function readSealedBytes(path: string, key: Buffer, identity: string): Promise<Buffer> {
  const pieces: Buffer[] = [];
  await readSealedFile(path, key, identity, (plain) => void pieces.push(plain));
  return Buffer.concat(pieces);
}

/** Writes `plain` sealed in records of `chunkBytes` to a new file and fsyncs it. */
export async function writeSealedFile(
  path: string,
  key: Buffer,
  identity: string,
  plain: Buffer,
  chunkBytes: number,
): Promise<void> {
  const count = chunkCount(plain.length, chunkBytes);
  const records = Array.from({ length: count }, (_, index) =>
    sealChunk(
      key,
      identity,
      index,
      index === count - 1,
      plain.subarray(index * chunkBytes, (index + 1) * chunkBytes),
    ),
  );
  await writeDurably(path, Buffer.concat(records));
}

/** Writes a new file and fsyncs it before resolving. */
export async function writeDurably(path: string, data: Uint8Array): Promise<void> {
  const file = await open(path, "wx", 0o600);
  try {
    await file.writeFile(data);
    await file.sync();
  } finally {
    await file.close();
  }
}

/** Fsyncs a directory, so the names just created, renamed or removed in it survive a power loss. */
export async function fsyncDir(path: string): Promise<void> {
  const dir = await open(path, "r");
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}
