#!/usr/bin/env node
// The `venus` command (`npx venus`, node_modules/.bin/venus): runs the built program. This file exists
// before the build, so `npm ci` links it; `npm ci` then builds (the root package's `prepare` script).
import { existsSync } from "node:fs";

const main = new URL("../dist/main.js", import.meta.url);
if (!existsSync(main)) {
  process.stderr.write("venus: not built yet: run `npm run build` in the repository root\n");
  process.exit(2);
}
await import(main.href);
