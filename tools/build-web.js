// The web builds the server serves (DESIGN.md §2): each site is type-checked with its own tsconfig
// (browser lib, Preact JSX), bundled by Vite into `dist/` with content-hashed asset names, and every
// text file gets `.br` and `.gz` beside it so the server sends them compressed without work per
// request. Runs after `tsc -b` (it needs model's declarations); any failure fails the install or CI.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { build } from "vite";

const root = fileURLToPath(new URL("..", import.meta.url));
/** Each web package and the path the server serves it at (packages/server/src/web-sites.ts). */
const SITES = [{ dir: "packages/console", base: "/console/" }];
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

for (const site of SITES) {
  const siteRoot = path.join(root, site.dir);
  const check = spawnSync(process.execPath, [tsc, "-p", path.join(siteRoot, "tsconfig.json")], {
    stdio: "inherit",
  });
  if (check.status !== 0) process.exit(check.status ?? 1);
  await build({
    root: siteRoot,
    base: site.base,
    configFile: false,
    plugins: [serverCodeGuard],
    logLevel: "warn",
    oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
    build: { outDir: "dist", emptyOutDir: true, sourcemap: false, target: "es2022" },
  });
  compressAll(path.join(siteRoot, "dist"));
  process.stderr.write(`venus: built ${site.dir}/dist (served at ${site.base})\n`);
}
