import { mkdir, readdir, rename, rm, unlink } from "node:fs/promises";
import { join } from "node:path";
import { writeImageIndex, writeManifest } from "./backup-manifest.js";
import type { FileEntry } from "./backup-values.js";
import { snapshotsToPrune } from "./retention.js";
import { fsyncDir } from "./sealed-file.js";
import { objectPath, type SourceStore } from "./store-layout.js";
import { listObjects } from "./store-state.js";

export interface FinishInput {
  key: Buffer;
  store: SourceStore;
  source: string;
  snapshot: string;
  /** The session's temp directory; its `snapshot/` holds every file of `files`, complete. */
  dir: string;
  files: FileEntry[];
  /** The new image index: path → hash, every object present. */
  images: Map<string, string>;
  /** The paths of the index it replaces. */
  previousPaths: ReadonlySet<string>;
  chunkBytes: number;
  keepDays: number;
  now: number;
}

export interface FinishResult {
  snapshot: string;
  /** Image files of the previous session the source no longer has. */
  images_removed: number;
  objects_deleted: number;
  snapshots_pruned: string[];
}

export const sessionSnapshotDir = (sessionDir: string): string => join(sessionDir, "snapshot");

/**
 * Makes a session's snapshot and image index the source's newest: writes the manifest, renames the
 * snapshot directory into `snapshots/` (it is never seen half-written there), replaces the index,
 * then deletes the objects no path names any more and the snapshots retention lets go.
 */
export async function finishSnapshot(input: FinishInput): Promise<FinishResult> {
  const { key, store, source, snapshot } = input;
  const staged = sessionSnapshotDir(input.dir);
  const manifest = {
    format: 1 as const,
    source,
    snapshot,
    created_at: new Date(input.now).toISOString(),
    files: input.files,
  };
  await writeManifest(staged, key, manifest, input.chunkBytes);
  await fsyncDir(staged);
  const stagedIndex = join(input.dir, "index.enc");
  const images = Object.fromEntries([...input.images].sort(([a], [b]) => (a < b ? -1 : 1)));
  await writeImageIndex(stagedIndex, key, { format: 1, source, snapshot, images }, input.chunkBytes);

  await mkdir(store.snapshots, { recursive: true, mode: 0o700 });
  await mkdir(store.images, { recursive: true, mode: 0o700 });
  await rename(staged, join(store.snapshots, snapshot));
  await fsyncDir(store.snapshots);
  await rename(stagedIndex, store.index);
  await fsyncDir(store.images);

  const named = new Set(input.images.values());
  let deleted = 0;
  for (const sha256 of await listObjects(store)) {
    if (named.has(sha256)) continue;
    await unlink(objectPath(store, sha256));
    deleted++;
  }
  const pruned = snapshotsToPrune(await readdir(store.snapshots), input.now, input.keepDays);
  for (const name of pruned) await rm(join(store.snapshots, name), { recursive: true, force: true });
  if (pruned.length > 0) await fsyncDir(store.snapshots);
  const removed = [...input.previousPaths].filter((path) => !input.images.has(path)).length;
  return { snapshot, images_removed: removed, objects_deleted: deleted, snapshots_pruned: pruned };
}
