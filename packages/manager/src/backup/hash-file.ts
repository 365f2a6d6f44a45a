import { createHash } from "node:crypto";
import { closeSync, openSync, readSync } from "node:fs";
import type { FileDigest } from "./sealed-file.js";

/**
 * The size and SHA-256 of a plain file, read through `buffer` with synchronous calls: most are images
 * of a few dozen KiB, read in one call, for which a promise and a thread-pool round trip per step
 * cost more than the read. Callers yield to the event loop between files now and then.
 */
export function hashFileSync(path: string, buffer: Buffer): FileDigest {
  const file = openSync(path, "r");
  try {
    const hash = createHash("sha256");
    let size = 0;
    for (let read = readSync(file, buffer, 0, buffer.length, 0); read > 0;) {
      hash.update(buffer.subarray(0, read));
      size += read;
      read = readSync(file, buffer, 0, buffer.length, size);
    }
    return { size, sha256: hash.digest("hex") };
  } finally {
    closeSync(file);
  }
}
