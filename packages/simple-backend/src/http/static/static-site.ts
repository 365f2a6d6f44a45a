import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { contentTypeOf } from "./content-types.js";

/** One file of a site, held in memory with the compressed forms the build wrote beside it. */
export interface StaticFile {
  body: Buffer;
  br: Buffer | undefined;
  gzip: Buffer | undefined;
  contentType: string;
  etag: string;
  /** A content-hashed build asset: its name changes with its content, so it may be cached for good. */
  immutable: boolean;
}

/** A built web site: its files by path below the site's root (`/index.html`, `/assets/x-1a2b.js`). */
export type StaticSite = ReadonlyMap<string, StaticFile>;

const COMPRESSED = /\.(?:br|gz)$/;
/** Vite's asset names: `name-<hash>.ext` under `assets/`. */
const HASHED_ASSET = /^\/assets\/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

function filesUnder(dir: string, prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = `${prefix}/${entry.name}`;
    if (entry.isDirectory()) return filesUnder(path.join(dir, entry.name), relative);
    return entry.isFile() && !COMPRESSED.test(entry.name) ? [relative] : [];
  });
}

function optional(file: string): Buffer | undefined {
  return existsSync(file) ? readFileSync(file) : undefined;
}

/**
 * Reads a built site into memory (a web build is a few hundred kilobytes): every file with its `.br`
 * and `.gz` siblings when the build wrote them. Undefined when `dir` has no `index.html` (not built).
 */
export function loadStaticSite(dir: string): StaticSite | undefined {
  if (!existsSync(path.join(dir, "index.html"))) return undefined;
  const site = new Map<string, StaticFile>();
  for (const relative of filesUnder(dir)) {
    const full = path.join(dir, relative);
    const body = readFileSync(full);
    site.set(relative, {
      body,
      br: optional(`${full}.br`),
      gzip: optional(`${full}.gz`),
      contentType: contentTypeOf(relative),
      etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`,
      immutable: HASHED_ASSET.test(relative),
    });
  }
  return site;
}
