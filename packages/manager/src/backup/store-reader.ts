import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { BackupError } from "./backup-error.js";
import { readManifest, type ImageIndex } from "./backup-manifest.js";
import { readSealedFile } from "./sealed-file.js";
import {
  backupsRoot,
  identities,
  objectPath,
  snapshotFile,
  snapshotTime,
  type SourceStore,
} from "./store-layout.js";

/** One stored file as verify and restore see it: where it is, what it must hold, where it goes. */
export interface StoredItem {
  stored: string;
  identity: string;
  sha256: string;
  /** Unknown for image objects (their name is their hash). */
  size?: number;
  /** Its path in a restored data directory. */
  target: string;
}

/** The source named, or the only one the store holds. */
export async function chooseSource(managerDataDir: string, name: string | undefined): Promise<string> {
  const sources = (await readdir(backupsRoot(managerDataDir)).catch(() => [] as string[])).sort();
  if (name !== undefined && sources.includes(name)) return name;
  if (name === undefined && sources.length === 1) return sources[0] as string;
  const known = `(backups of: ${sources.join(", ") || "none"})`;
  throw new BackupError(
    404,
    "unknown_source",
    name === undefined ? `name a source with --source ${known}` : `no backups of "${name}" ${known}`,
  );
}

/** The complete snapshots of a source, oldest first. */
export async function listSnapshots(store: SourceStore): Promise<string[]> {
  const names = await readdir(store.snapshots).catch(() => [] as string[]);
  return names.filter((name) => snapshotTime(name) !== undefined).sort();
}

export async function snapshotItems(key: Buffer, store: SourceStore, source: string, snapshot: string) {
  const manifest = await readManifest(key, store, source, snapshot);
  return manifest.files.map((file): StoredItem => ({
    stored: join(store.snapshots, snapshot, snapshotFile(file.name)),
    identity: identities.file(source, snapshot, file.name),
    sha256: file.sha256,
    size: file.size,
    target: file.name,
  }));
}

export function imageItems(store: SourceStore, index: ImageIndex): StoredItem[] {
  return Object.entries(index.images).map(([path, sha256]) => ({
    stored: objectPath(store, sha256),
    identity: identities.image(sha256),
    sha256,
    target: path,
  }));
}

/** Reads and authenticates a stored item, handing its plaintext on; throws when it is not what it must be. */
export async function checkItem(
  key: Buffer,
  item: StoredItem,
  onPlain?: (plain: Buffer) => Promise<void> | void,
): Promise<void> {
  const found = await readSealedFile(item.stored, key, item.identity, onPlain);
  if (found.sha256 !== item.sha256 || (item.size !== undefined && found.size !== item.size))
    throw new BackupError(
      422,
      "hash_mismatch",
      `its content is not the one recorded (SHA-256 ${found.sha256})`,
    );
}
