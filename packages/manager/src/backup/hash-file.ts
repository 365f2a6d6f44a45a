import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import type { FileDigest } from "./sealed-file.js";

/** The size and SHA-256 of a plain file, read as a stream. */
export async function hashFile(path: string): Promise<FileDigest> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { size, sha256: hash.digest("hex") };
}
