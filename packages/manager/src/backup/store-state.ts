import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "@venus/simple-backend";
import { readImageIndex } from "./backup-manifest.js";
import { HEX_SHA256, snapshotName, snapshotTime, type SourceStore } from "./store-layout.js";

/** Every object in the store, by hash. */
export async function listObjects(store: SourceStore): Promise<Set<string>> {
  const found = new Set<string>();
  for (const fanout of await readdir(store.objects).catch(() => [] as string[]))
    for (const name of await readdir(join(store.objects, fanout)).catch(() => [] as string[]))
      if (HEX_SHA256.test(name) && name.startsWith(fanout)) found.add(name);
  return found;
}

/** What a new session starts from: the objects the store holds, and the paths of the current index. */
export async function storeState(
  key: Buffer,
  store: SourceStore,
  source: string,
  log: Logger,
): Promise<{ objects: Set<string>; previousPaths: Set<string> }> {
  try {
    const index = await readImageIndex(key, store, source);
    return { objects: await listObjects(store), previousPaths: new Set(Object.keys(index?.images ?? {})) };
  } catch (error) {
    // Objects cannot be trusted to be what an unreadable index says: the source sends them all again.
    log.error({ err: error, source }, "the image index cannot be read; every image is sent again");
    return { objects: new Set(), previousPaths: new Set() };
  }
}

/** The UTC second `now`, or one after the newest snapshot's, so names stay unique and in order. */
export async function newSnapshotName(store: SourceStore, now: number): Promise<string> {
  const times = (await readdir(store.snapshots).catch(() => [] as string[])).map(
    (name) => snapshotTime(name) ?? 0,
  );
  return snapshotName(Math.max(now, Math.max(0, ...times) + 1000));
}
