import { createHash } from "node:crypto";
import { open } from "node:fs/promises";
import type { FileDigest } from "./sealed-file.js";

/**
 * The size and SHA-256 of a plain file, read through `buffer`: one buffer for every file of a listing,
 * since most are images of a few dozen KiB, read in one call (a stream costs more than the hash).
 */
export async function hashFile(path: string, buffer: Buffer): Promise<FileDigest> {
  const file = await open(path, "r");
  try {
    const hash = createHash("sha256");
    let size = 0;
    for (let { bytesRead } = await file.read(buffer, 0, buffer.length, 0); bytesRead > 0;) {
      hash.update(buffer.subarray(0, bytesRead));
      size += bytesRead;
      ({ bytesRead } = await file.read(buffer, 0, buffer.length, size));
    }
    return { size, sha256: hash.digest("hex") };
  } finally {
    await file.close();
  }
}
