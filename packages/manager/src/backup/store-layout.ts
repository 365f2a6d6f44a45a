import { join } from "node:path";

/**
 * Where a backup peer keeps each source's backups, under `<manager data_dir>/backups/<source>/`:
 *
 * - `snapshots/<UTC timestamp>/`: one complete session's databases and small files (`<name>.enc`)
 *   and their `manifest.enc`, renamed into place only when complete;
 * - `images/objects/<first two hex digits>/<sha256>`: every image file by content, stored once;
 * - `images/index.enc`: which path of the data directory holds which object, as of the newest session;
 * - `tmp/`: sessions in progress, which verify and restore never look at.
 *
 * Every `.enc` file and object is a sequence of sealed records (chunk-cipher.ts).
 */
export interface SourceStore {
  dir: string;
  snapshots: string;
  images: string;
  objects: string;
  index: string;
  tmp: string;
}

export const backupsRoot = (managerDataDir: string): string => join(managerDataDir, "backups");

export function sourceStore(managerDataDir: string, source: string): SourceStore {
  const dir = join(backupsRoot(managerDataDir), source);
  const images = join(dir, "images");
  return {
    dir,
    snapshots: join(dir, "snapshots"),
    images,
    objects: join(images, "objects"),
    index: join(images, "index.enc"),
    tmp: join(dir, "tmp"),
  };
}

export const MANIFEST_FILE = "manifest.enc";
export const snapshotFile = (name: string): string => `${name}.enc`;
export const objectPath = (store: SourceStore, sha256: string): string =>
  join(store.objects, sha256.slice(0, 2), sha256);

/** What each sealed file's records are bound to (chunk-cipher.ts): no file can stand in for another. */
export const identities = {
  file: (source: string, snapshot: string, name: string) => `file:${source}/${snapshot}/${name}`,
  manifest: (source: string, snapshot: string) => `manifest:${source}/${snapshot}`,
  index: (source: string) => `index:${source}`,
  image: (sha256: string) => `image:${sha256}`,
};

const SNAPSHOT_NAME = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** `20261122T041500Z`: a snapshot's name, the UTC second its session began. */
export function snapshotName(time: number): string {
  return new Date(time)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** The time a snapshot name stands for, or undefined for any other name. */
export function snapshotTime(name: string): number | undefined {
  const match = SNAPSHOT_NAME.exec(name);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  const time = Date.UTC(year as number, (month as number) - 1, day, hour, minute, second);
  return snapshotName(time) === name ? time : undefined;
}

/** A name usable as one path segment: no separators, no `.`/`..`, no hidden or odd characters. */
export const SAFE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;

export const HEX_SHA256 = /^[0-9a-f]{64}$/;

/** A relative path of safe names, such as `media/<account>/<content>_<size>.jpg`. */
export function isSafeRelativePath(path: string): boolean {
  const parts = path.split("/");
  return path.length <= 512 && parts.length <= 8 && parts.every((part) => SAFE_NAME.test(part));
}
