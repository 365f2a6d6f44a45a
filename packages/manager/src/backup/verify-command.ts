import { readImageIndex } from "./backup-manifest.js";
import { commandExit, storeConfig } from "./command-config.js";
import { ProgressBar } from "./progress-bar.js";
import {
  checkItem,
  chooseSource,
  imageItems,
  listSnapshots,
  snapshotItems,
  type StoredItem,
} from "./store-reader.js";
import { sourceStore } from "./store-layout.js";

export interface VerifyOptions {
  configFile: string | undefined;
  source: string | undefined;
  /** Only this snapshot (the images are checked either way). */
  snapshot: string | undefined;
}

/**
 * `venus backup verify`: reads the peer's store and authenticates every record of every snapshot's
 * files, checks each file's size and SHA-256 against its manifest, and each image object against its
 * hash. Names each bad file on stderr; resolves with exit code 1 if any is bad.
 */
export function runBackupVerify(options: VerifyOptions): Promise<number> {
  return commandExit(async () => {
    const { dataDir, key } = storeConfig(options.configFile);
    const source = await chooseSource(dataDir, options.source);
    const store = sourceStore(dataDir, source);
    const snapshots = await listSnapshots(store);
    if (snapshots.length === 0) throw new Error(`the store holds no snapshot of ${source}`);
    if (options.snapshot !== undefined && !snapshots.includes(options.snapshot))
      throw new Error(`no snapshot ${options.snapshot} of ${source} (${snapshots.join(", ") || "none"})`);
    const bad: string[] = [];
    const report = (path: string, error: unknown) => {
      bad.push(path);
      process.stderr.write(`venus: BAD ${path}: ${(error as Error).message}\n`);
    };
    const items: StoredItem[] = [];
    for (const snapshot of options.snapshot === undefined ? snapshots : [options.snapshot])
      await snapshotItems(key, store, source, snapshot).then(
        (found) => items.push(...found),
        (error: unknown) => report(`${store.snapshots}/${snapshot}`, error),
      );
    const index = await readImageIndex(key, store, source).catch((error: unknown) =>
      report(store.index, error),
    );
    if (index !== undefined) {
      if (index.snapshot !== snapshots.at(-1))
        report(
          store.index,
          new Error(`it belongs to snapshot ${index.snapshot}, not the newest (${snapshots.at(-1)})`),
        );
      const objects = new Map(imageItems(store, index).map((item) => [item.sha256, item]));
      items.push(...objects.values());
    }
    const bar = new ProgressBar("verify", items.length, "files");
    for (const item of items) {
      await checkItem(key, item).catch((error: unknown) => report(item.stored, error));
      bar.increment();
    }
    bar.stop();
    const checked = `${items.length} files of ${source} (${options.snapshot ?? `${snapshots.length} snapshots`} and images)`;
    if (bad.length > 0) {
      process.stderr.write(`venus: ${bad.length} bad of ${checked}\n`);
      return 1;
    }
    process.stdout.write(`verified ${checked}: all good\n`);
    return 0;
  });
}
