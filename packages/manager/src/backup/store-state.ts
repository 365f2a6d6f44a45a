import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "@venus/simple-backend";
import { readImageIndex, readManifest } from "./backup-manifest.js";
import { listSnapshots } from "./store-reader.js";
import { HEX_SHA256, snapshotName, snapshotTime, type SourceStore } from "./store-layout.js";

/** Every object in the store, by hash. */
export async function listObjects(store: SourceStore): Promise<Set<string>> {
  const found = new Set<string>();
  for (const fanout of await readdir(store.objects).catch(() => [] as string[]))
    for (const name of await readdir(join(store.objects, fanout)).catch(() => [] as string[]))
      if (HEX_SHA256.test(name) && name.startsWith(fanout)) found.add(name);
  return found;
}

/** The newest snapshot and its files, or undefined when there is none or its manifest is unreadable. */
async function newestSnapshot(key: Buffer, store: SourceStore, source: string, log: Logger) {
  const snapshot = (await listSnapshots(store)).at(-1);
  if (snapshot === undefined) return undefined;
  try {
    const manifest = await readManifest(key, store, source, snapshot);
    return { snapshot, files: new Map(manifest.files.map((file) => [file.name, file])) };
  } catch (error) {
    log.error(
      { err: error, source, snapshot },
      "the newest snapshot cannot be read; every file is sent whole",
    );
    return undefined;
  }
}

/**
 * What a new session starts from: the objects the store holds, the paths of the current index, and
 * the newest snapshot, whose files' blocks need not travel again.
 */
export async function storeState(key: Buffer, store: SourceStore, source: string, log: Logger) {
  const base = await newestSnapshot(key, store, source, log);
  try {
    const index = await readImageIndex(key, store, source);
    const previousPaths = new Set(Object.keys(index?.images ?? {}));
    return { objects: await listObjects(store), previousPaths, base };
  } catch (error) {
    // Objects cannot be trusted to be what an unreadable index says: the source sends them all again.
    log.error({ err: error, source }, "the image index cannot be read; every image is sent again");
    return { objects: new Set<string>(), previousPaths: new Set<string>(), base };
  }
}

/** The UTC second `now`, or one after the newest snapshot's, so names stay unique and in order. */
export async function newSnapshotName(store: SourceStore, now: number): Promise<string> {
  const times = (await readdir(store.snapshots).catch(() => [] as string[])).map(
    (name) => snapshotTime(name) ?? 0,
  );
  return snapshotName(Math.max(now, Math.max(0, ...times) + 1000));
}
