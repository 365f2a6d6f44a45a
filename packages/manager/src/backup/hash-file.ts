import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import type { FileDigest } from "./sealed-file.js";

/**
 * The size and SHA-256 of a plain file, read as a stream in the default 64 KiB pieces: most files are
 * images of a few dozen KiB, for which a larger buffer would be allocated (and collected) in vain.
 */
export async function hashFile(path: string): Promise<FileDigest> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { size, sha256: hash.digest("hex") };
}
