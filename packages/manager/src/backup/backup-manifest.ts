import { join } from "node:path";
import { BackupError } from "./backup-error.js";
import { fileEntry, imageEntry, list, record, text, type FileEntry } from "./backup-values.js";
import { readSealedBytes, writeSealedFile } from "./sealed-file.js";
import { identities, MANIFEST_FILE, SAFE_NAME, type SourceStore } from "./store-layout.js";

const FORMAT = 1;
const MAX_ENTRIES = 10_000_000;

/** `manifest.enc` of a snapshot: every file in it with its plaintext size and SHA-256. */
export interface Manifest {
  format: 1;
  source: string;
  snapshot: string;
  created_at: string;
  files: FileEntry[];
}

/** `images/index.enc`: the image files of the newest session, path → content hash. */
export interface ImageIndex {
  format: 1;
  source: string;
  /** The snapshot whose session wrote this index. */
  snapshot: string;
  images: Record<string, string>;
}

function parseJson(bytes: Buffer, what: string): Record<string, unknown> {
  try {
    const value = record(JSON.parse(bytes.toString("utf8")), what);
    if (value.format !== FORMAT) throw new Error(`format ${String(value.format)}`);
    return value;
  } catch (error) {
    throw new BackupError(422, "corrupt_file", `${what} is not readable: ${(error as Error).message}`);
  }
}

export async function readManifest(
  key: Buffer,
  store: SourceStore,
  source: string,
  snapshot: string,
): Promise<Manifest> {
  const path = join(store.snapshots, snapshot, MANIFEST_FILE);
  const value = parseJson(await readSealedBytes(path, key, identities.manifest(source, snapshot)), path);
  if (value.source !== source || value.snapshot !== snapshot)
    throw new BackupError(422, "corrupt_file", `${path} belongs to another snapshot`);
  return {
    format: FORMAT,
    source,
    snapshot,
    created_at: text(value.created_at, "created_at", /^\S+$/),
    files: list(value.files, "files", MAX_ENTRIES).map((entry, i) => fileEntry(entry, `files[${i}]`)),
  };
}

export async function writeManifest(dir: string, key: Buffer, manifest: Manifest, chunkBytes: number) {
  const identity = identities.manifest(manifest.source, manifest.snapshot);
  await writeSealedFile(
    join(dir, MANIFEST_FILE),
    key,
    identity,
    Buffer.from(JSON.stringify(manifest)),
    chunkBytes,
  );
}

/** The image index, or undefined when the source has none yet. */
export async function readImageIndex(
  key: Buffer,
  store: SourceStore,
  source: string,
): Promise<ImageIndex | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readSealedBytes(store.index, key, identities.index(source));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const value = parseJson(bytes, store.index);
  const images = record(value.images, "images");
  for (const [path, sha256] of Object.entries(images)) imageEntry({ path, size: 0, sha256 }, "image");
  return {
    format: FORMAT,
    source: text(value.source, "source", SAFE_NAME),
    snapshot: text(value.snapshot, "snapshot", SAFE_NAME),
    images: images as Record<string, string>,
  };
}

export async function writeImageIndex(path: string, key: Buffer, index: ImageIndex, chunkBytes: number) {
  await writeSealedFile(
    path,
    key,
    identities.index(index.source),
    Buffer.from(JSON.stringify(index)),
    chunkBytes,
  );
}
