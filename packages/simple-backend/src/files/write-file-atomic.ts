import { open, rename, rm } from "node:fs/promises";
import path from "node:path";

/**
 * Writes `data` to `file` so that readers see either nothing or the whole file: temp file, fsync,
 * rename. With `syncDirectory`, the folder is fsynced too, so the new name survives a crash.
 */
export async function writeFileAtomic(
  file: string,
  data: Uint8Array,
  options: { syncDirectory?: boolean } = {},
): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    const handle = await open(temp, "w", 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  if (!options.syncDirectory) return;
  const folder = await open(path.dirname(file), "r");
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}
