import { open, readdir, rm, stat } from "node:fs/promises";
import path from "node:path";

/**
 * Where media lives on disk: `<data_dir>/media/<account id>/<content id>_<size>.jpg`, and uploads
 * waiting for the worker in `<data_dir>/media/tmp/<content id>.raw`.
 */
export class MediaFiles {
  readonly root: string;
  readonly tmpDir: string;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, "media");
    this.tmpDir = path.join(this.root, "tmp");
  }

  accountDir(accountId: string): string {
    return path.join(this.root, accountId);
  }

  file(accountId: string, fileName: string): string {
    return path.join(this.accountDir(accountId), fileName);
  }

  upload(contentId: string): string {
    return path.join(this.tmpDir, `${contentId}.raw`);
  }

  /** The files the worker may have written for a content id, finished or not. */
  async outputsOf(accountId: string, contentId: string): Promise<string[]> {
    const names = await readdir(this.accountDir(accountId)).catch(() => [] as string[]);
    return names
      .filter((name) => name.startsWith(`${contentId}_`) || name.startsWith(`.${contentId}_`))
      .map((name) => this.file(accountId, name));
  }
}

const WIPE_CHUNK = Buffer.alloc(64 * 1024);

/**
 * Overwrites each file with zeros, syncs it, then removes it: a deleted photo is not left readable in
 * the freed blocks (on file systems that write in place). Missing files are ignored.
 */
export async function wipeFiles(files: readonly string[]): Promise<void> {
  for (const file of files) {
    const size = await stat(file).then(
      (info) => info.size,
      () => undefined,
    );
    if (size === undefined) continue;
    const handle = await open(file, "r+");
    try {
      for (let offset = 0; offset < size; offset += WIPE_CHUNK.length)
        await handle.write(WIPE_CHUNK, 0, Math.min(WIPE_CHUNK.length, size - offset), offset);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rm(file, { force: true });
  }
}
