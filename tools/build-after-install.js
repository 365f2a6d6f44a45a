// `npm ci` and `npm install` end with this (the root `prepare` script): they leave a built program,
// so `npx venus` and `npm start` answer at once. The build takes a while on a cold checkout; say so.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const started = performance.now();
process.stderr.write(
  "venus: building the program (tsc -b, then the web builds), about a minute on a cold checkout...\n",
);
const build = spawnSync(process.execPath, [tsc, "-b"], { stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);
const web = spawnSync(process.execPath, [fileURLToPath(new URL("./build-web.js", import.meta.url))], {
  stdio: "inherit",
});
if (web.status !== 0) process.exit(web.status ?? 1);
process.stderr.write(`venus: built in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
