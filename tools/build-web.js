// The web builds the server serves (DESIGN.md §2): each site is type-checked with its own tsconfig
// (browser lib, Preact JSX), bundled by Vite with content-hashed asset names, and every text file
// gets `.br` and `.gz` beside it so the server sends them compressed without work per request. Runs
// after `tsc -b` (it needs model's declarations); any failure fails the install or CI.
// A site whose inputs did not change since its last build is left alone, and a new build replaces
// `dist/` by two renames, so a server starting meanwhile (a test beside `npm start`) never finds a
// half-written site.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { build } from "vite";

const root = fileURLToPath(new URL("..", import.meta.url));
/** Each web package and the path the server serves it at (packages/server/src/web-sites.ts). */
const SITES = [
  { dir: "packages/console", base: "/console/" },
  { dir: "packages/web-app", base: "/" },
];
/** What every site's build also reads: the shared browser code, the wire types, the lockfile, this file. */
const SHARED_INPUTS = [
  "packages/web-shared",
  "packages/model/src",
  "package-lock.json",
  "tools/build-web.js",
];
const CACHE = path.join(root, "node_modules", ".cache", "venus-web");
const COMPRESSIBLE = /\.(?:html|js|css|svg|json|webmanifest|txt)$/;

/** Browser code takes only types from the server's packages (`import type`); their code never ships. */
const SERVER_CODE = /[\\/]packages[\\/](?!web-shared|console|web-app)[a-z-]+[\\/](?:src|dist)[\\/]/;
const serverCodeGuard = {
  name: "venus-no-server-code",
  load(id) {
    if (SERVER_CODE.test(id))
      throw new Error(`browser code imports server code at run time: ${id} (use import type)`);
    return null;
  },
};

const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

function compressAll(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const file = path.join(entry.parentPath, entry.name);
    if (!entry.isFile() || !COMPRESSIBLE.test(entry.name)) continue;
    const body = readFileSync(file);
    writeFileSync(`${file}.br`, brotliCompressSync(body));
    writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
  }
}

/** A hash of every file under `paths` (dist and node_modules left out), names and contents. */
function inputHash(paths) {
  const hash = createHash("sha256");
  const add = (full) => {
    if (!existsSync(full)) return;
    if (!statSync(full).isDirectory())
      return void hash.update(path.relative(root, full)).update(readFileSync(full));
    for (const name of readdirSync(full).sort())
      if (name !== "dist" && name !== "node_modules") add(path.join(full, name));
  };
  for (const relative of paths) add(path.join(root, relative));
  return hash.digest("hex");
}

for (const site of SITES) {
  const siteRoot = path.join(root, site.dir);
  const dist = path.join(siteRoot, "dist");
  const name = path.basename(site.dir);
  const hashFile = path.join(CACHE, `${name}.hash`);
  const hash = inputHash([site.dir, ...SHARED_INPUTS]);
  if (
    existsSync(path.join(dist, "index.html")) &&
    existsSync(hashFile) &&
    readFileSync(hashFile, "utf8") === hash
  ) {
    process.stderr.write(`venus: ${site.dir}/dist is up to date\n`);
    continue;
  }
  const check = spawnSync(process.execPath, [tsc, "-p", path.join(siteRoot, "tsconfig.json")], {
    stdio: "inherit",
  });
  if (check.status !== 0) process.exit(check.status ?? 1);
  const next = path.join(CACHE, `${name}-next`);
  mkdirSync(CACHE, { recursive: true });
  await build({
    root: siteRoot,
    base: site.base,
    configFile: false,
    plugins: [serverCodeGuard],
    logLevel: "warn",
    oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
    build: { outDir: next, emptyOutDir: true, sourcemap: false, target: "es2022" },
  });
  compressAll(next);
  const old = path.join(CACHE, `${name}-old`);
  rmSync(old, { recursive: true, force: true });
  if (existsSync(dist)) renameSync(dist, old);
  renameSync(next, dist);
  rmSync(old, { recursive: true, force: true });
  writeFileSync(hashFile, hash);
  process.stderr.write(`venus: built ${site.dir}/dist (served at ${site.base})\n`);
}
