/**
 * One side of the writer benchmark, run in its own process so its CPU time and memory are its own:
 * CLIENTS concurrent async loops, each awaiting one durable insert after another, through a
 * GroupCommitWriter configured either like the server (`group`) or with one transaction per
 * operation (`per-op`: batches of one, no delay). Prints one JSON line with the measurements.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GroupCommitWriter, WriterMetrics } from "@venus/data-common";
import { openDatabase } from "@venus/database";
import { VenusConfig } from "@venus/model";
import { createLogger, loadConfig, Metrics } from "@venus/simple-backend";
import { percentile } from "./measure.js";
import { sized } from "./quick.js";

export type WriterMode = "group" | "per-op";

export interface WriterLoadResult {
  clients: number;
  durationMs: number;
  maxBatchDelayMs: number;
  maxBatchSize: number;
  ops: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  cpuMicros: number;
  maxRssBytes: number;
}

const CLIENTS = 200;
const DURATION_MS = sized(3_000, 300);
const MAX_OPS_PER_CLIENT = 10_000;
const PAYLOAD = "x".repeat(100);
const MIGRATIONS = [
  {
    version: 1,
    name: "bench rows",
    sql: "CREATE TABLE row (id INTEGER PRIMARY KEY, client INTEGER NOT NULL, seq INTEGER NOT NULL, payload TEXT NOT NULL)",
  },
];

function writerOptions(mode: WriterMode) {
  const defaults = loadConfig({ schema: VenusConfig, env: {}, envPrefix: "VENUS_" }).writer;
  return mode === "group"
    ? { maxBatchDelayMs: defaults.max_batch_delay_ms, maxBatchSize: defaults.max_batch_size }
    : { maxBatchDelayMs: 0, maxBatchSize: 1 };
}

async function runLoad(mode: WriterMode, dir: string): Promise<WriterLoadResult> {
  const db = openDatabase(join(dir, "bench.sqlite"), MIGRATIONS);
  const insert = db.prepare("INSERT INTO row (client, seq, payload) VALUES (?, ?, ?)");
  const options = writerOptions(mode);
  const writer = new GroupCommitWriter(db, {
    name: "bench",
    ...options,
    log: createLogger("warn", "bench-writer", 2),
    metrics: new WriterMetrics(new Metrics()),
  });
  const latencies: number[] = [];
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + DURATION_MS;
  const client = async (id: number): Promise<void> => {
    for (let seq = 0; seq < MAX_OPS_PER_CLIENT && performance.now() < deadline; seq++) {
      const issued = performance.now();
      await writer.write(() => insert.run(id, seq, PAYLOAD));
      latencies.push(performance.now() - issued);
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, (_, id) => client(id)));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  await writer.close();
  const committed = db.prepare("SELECT count(*) AS n FROM row").get() as { n: number };
  db.close();
  if (committed.n !== latencies.length)
    throw new Error(`${latencies.length} writes acknowledged but ${committed.n} rows committed`);
  return {
    clients: CLIENTS,
    durationMs: DURATION_MS,
    ...options,
    ops: latencies.length,
    seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    cpuMicros: cpu.user + cpu.system,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  };
}

const mode = process.argv[2];
if (mode !== "group" && mode !== "per-op") throw new Error(`usage: writer-load.ts group|per-op`);
const dir = mkdtempSync(join(tmpdir(), "venus-bench-writer-"));
try {
  process.stdout.write(`${JSON.stringify(await runLoad(mode, dir))}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
