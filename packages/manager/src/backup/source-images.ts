import { statSync } from "node:fs";
import { readFile, readdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ImageEntry } from "./backup-values.js";
import { hashFileSync } from "./hash-file.js";
import { SAFE_NAME } from "./store-layout.js";

/** Path (relative to the data directory) → [size, mtime in ms, SHA-256]. */
type HashCache = Record<string, [number, number, string]>;

/** Image files never change once written, so a file of the same size and mtime is not hashed again. */
async function loadCache(file: string): Promise<HashCache> {
  try {
    const value: unknown = JSON.parse(await readFile(file, "utf8"));
    return typeof value === "object" && value !== null ? (value as HashCache) : {};
  } catch {
    return {};
  }
}

/** Relative paths of the image files under `media/`, without `media/tmp/` (uploads in flight). */
async function imagePaths(dataDir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (relative: string): Promise<void> => {
    const entries = await readdir(join(dataDir, relative), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      // Names starting with "." are partial writes; SAFE_NAME leaves them (and odd names) out.
      if (!SAFE_NAME.test(entry.name)) continue;
      const path = `${relative}/${entry.name}`;
      if (entry.isDirectory() && path !== "media/tmp") await walk(path);
      else if (entry.isFile()) found.push(path);
    }
  };
  await walk("media");
  return found.sort();
}

/** Files stat'ed and hashed (synchronously, see hash-file.ts) between two turns of the event loop. */
const YIELD_EVERY = 64;

/**
 * Every image file of the data directory with its size and SHA-256, hashing only files the cache
 * (in the manager's own data directory) does not know. A file gone since it was listed is left out.
 */
export async function listImages(dataDir: string, cacheFile: string): Promise<ImageEntry[]> {
  const cache = await loadCache(cacheFile);
  const next: HashCache = {};
  const images: ImageEntry[] = [];
  const buffer = Buffer.allocUnsafe(1024 * 1024);
  for (const [n, path] of (await imagePaths(dataDir)).entries()) {
    if (n % YIELD_EVERY === YIELD_EVERY - 1) await new Promise(setImmediate);
    const file = join(dataDir, path);
    try {
      const { size, mtimeMs } = statSync(file);
      const known = cache[path];
      const digest =
        known !== undefined && known[0] === size && known[1] === mtimeMs
          ? { size, sha256: known[2] }
          : hashFileSync(file, buffer);
      next[path] = [digest.size, mtimeMs, digest.sha256];
      images.push({ path, ...digest });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  await writeFile(`${cacheFile}.tmp`, JSON.stringify(next), { mode: 0o600 });
  await rename(`${cacheFile}.tmp`, cacheFile);
  return images;
}
