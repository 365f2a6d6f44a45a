/**
 * `npm run bench`: every benchmark in turn; prints one table each and writes bench/results/*.json.
 * `npx tsx bench/run.ts image-worker writer` runs only the named ones (after `npm run build`);
 * `--quick` runs them at a small size with the same checks (bench/quick.ts), as CI does.
 */
import { cpus, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { benchBackup } from "./backup.js";
import { benchChat } from "./chat.js";
import { benchIdleMemory } from "./idle-memory.js";
import { benchImageDetectors } from "./image-detectors.js";
import { benchImageWorker } from "./image-worker.js";
import { benchLocationIndex } from "./location-index.js";
import { benchProfileServer } from "./profile-server.js";
import { benchPush } from "./push.js";
import { QUICK } from "./quick.js";
import { formatTable, progress, writeResults, type BenchmarkResult } from "./report.js";
import { benchUploadLoad } from "./upload-load.js";
import { benchWriter } from "./writer.js";
import { benchWsPing } from "./ws-ping.js";

/** Each benchmark gives one table, or several when it measures against more than one baseline. */
const BENCHMARKS: Record<string, () => Promise<BenchmarkResult | BenchmarkResult[]>> = {
  // First, while this process is small: it measures its own peak RSS.
  "image-worker": benchImageWorker,
  "image-detectors": benchImageDetectors,
  "ws-ping": benchWsPing,
  writer: benchWriter,
  "idle-memory": benchIdleMemory,
  "location-index": benchLocationIndex,
  "profile-server": benchProfileServer,
  "upload-load": () => benchUploadLoad(),
  "upload-load-detectors": () => benchUploadLoad(true),
  chat: benchChat,
  push: benchPush,
  backup: benchBackup,
};

/** Benchmark names on the command line select those only (in the order above); none runs all. */
const names = process.argv.slice(2).filter((arg) => arg !== "--quick");
const unknown = names.filter((name) => !Object.hasOwn(BENCHMARKS, name));
const selected = Object.entries(BENCHMARKS).filter(([name]) => names.length === 0 || names.includes(name));
if (unknown.length > 0) {
  process.stderr.write(
    `unknown benchmark ${unknown.join(", ")}; known: ${Object.keys(BENCHMARKS).join(", ")}\n`,
  );
  process.exit(2);
}

const started = performance.now();
const results: BenchmarkResult[] = [];
try {
  for (const [, bench] of selected) {
    for (const result of [await bench()].flat()) {
      results.push(result);
      process.stdout.write(`\n${formatTable(result)}\n\n`);
    }
  }
} catch (error) {
  // Exit even if a failed step left a socket or child process holding the event loop open.
  process.stderr.write(
    `benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
}
const file = writeResults(
  fileURLToPath(new URL("results", import.meta.url)),
  {
    date: new Date().toISOString(),
    quick: QUICK,
    seconds: (performance.now() - started) / 1000,
    machine: {
      node: process.version,
      cpus: cpus().length,
      cpu_model: cpus()[0]?.model,
      memory_bytes: totalmem(),
    },
  },
  results,
);
progress(`done: ${file}`);
