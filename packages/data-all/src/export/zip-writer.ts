import { createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { ZipFile } from "yazl";

export interface ArchiveFile {
  /** Its name in the archive. */
  name: string;
  /** Where it is on disk. */
  path: string;
}

/**
 * Writes a ZIP to `target` (mode 0600): each document as pretty JSON (deflated), each file streamed
 * from disk as it is (stored: JPEGs do not compress). A file gone since it was listed is left out.
 */
export async function writeZip(
  target: string,
  documents: Record<string, unknown>,
  files: readonly ArchiveFile[],
): Promise<void> {
  const zip = new ZipFile();
  const mtime = new Date();
  for (const [name, value] of Object.entries(documents)) {
    const text = typeof value === "string" ? value : `${JSON.stringify(value, null, 2)}\n`;
    zip.addBuffer(Buffer.from(text), name, { mtime });
  }
  for (const file of files) {
    const present = await stat(file.path).then(
      (info) => info.isFile(),
      () => false,
    );
    if (present) zip.addFile(file.path, file.name, { compress: false, mtime });
  }
  const out = createWriteStream(target, { mode: 0o600 });
  await new Promise<void>((resolve, reject) => {
    zip.on("error", (error: Error) => {
      out.destroy();
      reject(error);
    });
    pipeline(zip.outputStream, out).then(resolve, reject);
    zip.end();
  });
}
