import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { ManagerConfig } from "@venus/model";
import { BackupError } from "./backup-error.js";

/**
 * One encrypted piece of a file, as it travels and as the peer stores it: `[u32 plaintext length]
 * [12-byte IV][ciphertext][16-byte GCM tag]`. A file is its records one after another, so a stored
 * file is read back record by record without any other framing.
 */
const LENGTH_BYTES = 4;
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const RECORD_OVERHEAD = LENGTH_BYTES + IV_BYTES + TAG_BYTES;
const DOMAIN = "venus-backup-1";

/** The largest plaintext of one record anyone accepts, whatever `backup.chunk_bytes` says. */
export const MAX_CHUNK_BYTES = ManagerConfig.properties.backup.properties.chunk_bytes.maximum ?? 0;

/** `backup.key` (64 hex digits) as the AES-256 key. */
export function parseBackupKey(hex: string): Buffer {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new RangeError("backup.key must be 64 hex digits");
  return Buffer.from(hex, "hex");
}

/**
 * What each record's tag also covers: the file it belongs to, its place in the file and whether it
 * ends the file. So a record cannot be moved to another file or place, and a file cut after any
 * record fails: that record was sealed as not the last.
 */
function additionalData(identity: string, index: number, last: boolean): Buffer {
  const place = Buffer.alloc(5);
  place.writeUInt32BE(index, 0);
  place.writeUInt8(last ? 1 : 0, 4);
  return Buffer.concat([Buffer.from(`${DOMAIN}\0${identity}\0`, "utf8"), place]);
}

export function sealChunk(
  key: Buffer,
  identity: string,
  index: number,
  last: boolean,
  plaintext: Uint8Array,
): Buffer {
  const record = Buffer.allocUnsafe(recordLength(plaintext.length));
  sealChunkInto(record, 0, key, identity, index, last, plaintext);
  return record;
}

/**
 * Seals a record into `target` at `offset` (`recordLength(plaintext.length)` bytes), so that a
 * request of many records is written in place rather than gathered from a buffer per record.
 */
export function sealChunkInto(
  target: Buffer,
  offset: number,
  key: Buffer,
  identity: string,
  index: number,
  last: boolean,
  plaintext: Uint8Array,
): void {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(additionalData(identity, index, last));
  target.writeUInt32BE(plaintext.length, offset);
  iv.copy(target, offset + LENGTH_BYTES);
  let at = offset + LENGTH_BYTES + IV_BYTES;
  at += cipher.update(plaintext).copy(target, at);
  at += cipher.final().copy(target, at);
  cipher.getAuthTag().copy(target, at);
}

/** The plaintext length a record's header announces (checked against the limit). */
export function recordPlainLength(header: Uint8Array): number {
  if (header.length < LENGTH_BYTES) throw new BackupError(400, "bad_chunk", "the record has no header");
  const length = Buffer.from(header.buffer, header.byteOffset, LENGTH_BYTES).readUInt32BE(0);
  if (length > MAX_CHUNK_BYTES)
    throw new BackupError(413, "chunk_too_large", `a record holds at most ${MAX_CHUNK_BYTES} bytes`);
  return length;
}

export const recordLength = (plainLength: number): number => plainLength + RECORD_OVERHEAD;
export const HEADER_BYTES = LENGTH_BYTES;

/** Decrypts one whole record, or throws `bad_chunk` when it was not sealed so (key, file, place, end). */
export function openChunk(
  key: Buffer,
  identity: string,
  index: number,
  last: boolean,
  record: Uint8Array,
): Buffer {
  const length = recordPlainLength(record);
  if (record.length !== recordLength(length))
    throw new BackupError(
      400,
      "bad_chunk",
      `the record is ${record.length} bytes, its header says otherwise`,
    );
  const bytes = Buffer.from(record.buffer, record.byteOffset, record.length);
  const decipher = createDecipheriv(
    "aes-256-gcm",
    key,
    bytes.subarray(LENGTH_BYTES, LENGTH_BYTES + IV_BYTES),
  );
  decipher.setAAD(additionalData(identity, index, last));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  try {
    const plain = decipher.update(bytes.subarray(LENGTH_BYTES + IV_BYTES, bytes.length - TAG_BYTES));
    const rest = decipher.final(); // empty for GCM: no second copy of the plaintext
    return rest.length === 0 ? plain : Buffer.concat([plain, rest]);
  } catch {
    throw new BackupError(
      422,
      "bad_chunk",
      `record ${index} of ${identity} does not authenticate (wrong key, place or content)`,
    );
  }
}

/** How many records a file of `size` bytes travels in (an empty file is one empty record). */
export const chunkCount = (size: number, chunkBytes: number): number =>
  Math.max(1, Math.ceil(size / chunkBytes));
