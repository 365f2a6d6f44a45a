import { BackupError } from "./backup-error.js";
import { recordLength, recordPlainLength } from "./chunk-cipher.js";
import { BLOCK_HASH_BYTES } from "./file-blocks.js";

/**
 * Small images travel many to a request (`PUT …/images`): each one's SHA-256 (32 bytes) followed by
 * its whole content as one sealed record, one image after another.
 */
export interface BatchedImage {
  sha256: string;
  record: Uint8Array;
}

/** The bytes an image of `size` bytes takes in a batch: its SHA-256 and its sealed record. */
export const batchedImageBytes = (size: number): number => BLOCK_HASH_BYTES + recordLength(size);

export function parseImageBatch(body: Uint8Array): BatchedImage[] {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.length);
  const images: BatchedImage[] = [];
  for (let at = 0; at < bytes.length;) {
    const start = at + BLOCK_HASH_BYTES;
    const length = start < bytes.length ? recordLength(recordPlainLength(bytes.subarray(start))) : 0;
    if (length === 0 || start + length > bytes.length)
      throw new BackupError(400, "bad_chunk", "the image batch ends inside an image");
    images.push({
      sha256: bytes.toString("hex", at, start),
      record: bytes.subarray(start, start + length),
    });
    at = start + length;
  }
  return images;
}
