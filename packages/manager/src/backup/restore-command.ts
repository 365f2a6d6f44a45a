import { mkdir, open, readdir, rename, rm, rmdir } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { readImageIndex } from "./backup-manifest.js";
import { commandExit, storeConfig } from "./command-config.js";
import { ProgressBar } from "./progress-bar.js";
import { fsyncDir } from "./sealed-file.js";
import { sourceStore } from "./store-layout.js";
import {
  checkItem,
  chooseSource,
  imageItems,
  listSnapshots,
  snapshotItems,
  type StoredItem,
} from "./store-reader.js";

export interface RestoreOptions {
  configFile: string | undefined;
  to: string;
  source: string | undefined;
  /** Default: the newest. */
  snapshot: string | undefined;
}

/** Writes one item's plaintext under `dir`, checking it as it goes, and fsyncs it. */
async function restoreItem(key: Buffer, item: StoredItem, dir: string): Promise<void> {
  const target = join(dir, item.target);
  await mkdir(dirname(target), { recursive: true, mode: 0o700 });
  const file = await open(target, "wx", 0o600);
  try {
    let position = 0;
    await checkItem(key, item, async (plain) => {
      await file.write(plain, 0, plain.length, position);
      position += plain.length;
    });
    await file.sync();
  } finally {
    await file.close();
  }
}

async function emptyOrAbsent(dir: string): Promise<boolean> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  return names.length === 0;
}

/**
 * `venus backup restore --to DIR`: a server data directory from a snapshot's databases and small
 * files and the newest image index. Everything is written into a hidden sibling of DIR and checked
 * on the way; DIR appears (by rename) only when all of it is there and good.
 */
export function runBackupRestore(options: RestoreOptions): Promise<number> {
  return commandExit(async () => {
    const { dataDir, key } = storeConfig(options.configFile);
    const to = resolve(options.to);
    if (!(await emptyOrAbsent(to))) throw new Error(`${to} is not empty; restore into a new directory`);
    const source = await chooseSource(dataDir, options.source);
    const store = sourceStore(dataDir, source);
    const snapshots = await listSnapshots(store);
    const snapshot = options.snapshot ?? snapshots.at(-1);
    if (snapshot === undefined || !snapshots.includes(snapshot))
      throw new Error(`no snapshot ${snapshot ?? ""} of ${source} (${snapshots.join(", ") || "none"})`);
    const items = await snapshotItems(key, store, source, snapshot);
    const index = await readImageIndex(key, store, source);
    if (index !== undefined) {
      if (index.snapshot !== snapshot)
        process.stderr.write(
          `venus: the images are those of snapshot ${index.snapshot}, the newest session's\n`,
        );
      items.push(...imageItems(store, index));
    }

    const staging = join(dirname(to), `.${basename(to)}.restoring-${process.pid}`);
    // Private from the start: the restored data holds password hashes and the envelope secret.
    await mkdir(staging, { recursive: true, mode: 0o700 });
    const bar = new ProgressBar("restore", items.length, "files");
    try {
      for (const item of items) {
        await restoreItem(key, item, staging).catch((error: unknown) => {
          throw new Error(`${item.stored}: ${(error as Error).message}`);
        });
        bar.increment();
      }
      bar.stop();
      const dirs = new Set<string>();
      for (const item of items)
        for (let dir = dirname(join(staging, item.target)); dir.startsWith(staging); dir = dirname(dir))
          dirs.add(dir);
      for (const dir of dirs) await fsyncDir(dir);
      await rmdir(to).catch(() => undefined);
      await rename(staging, to);
      await fsyncDir(dirname(to));
    } catch (error) {
      bar.stop();
      await rm(staging, { recursive: true, force: true });
      throw error;
    }
    process.stdout.write(`restored snapshot ${snapshot} of ${source} into ${to}: ${items.length} files\n`);
    return 0;
  });
}
