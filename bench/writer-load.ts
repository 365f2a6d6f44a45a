/**
 * One side of the writer benchmark, run in its own process so its CPU time and memory are its own:
 * CLIENTS concurrent async loops, each awaiting one durable insert after another, through a
 * GroupCommitWriter configured like the server (`group`: commits without sync, the WAL flushed on
 * the thread pool, checkpoints on the checkpoint thread), like the server before
 * (`group-main-checkpoint`: the same with SQLite's automatic checkpoint on the event loop;
 * `group-in-commit`: `synchronous=FULL`, the flush inside each commit on the event loop), or with one
 * transaction per operation (`per-op`: batches of one, no delay, `synchronous=FULL`). `flat` clients write flat out; `paced` ones each start one
 * write per CLIENTS / PACED_OPS_PER_SECOND s, a steady load below saturation, where the event loop's
 * lag shows stalls rather than the CPU of a saturated writer. Prints one JSON line with the
 * measurements, among them the event loop's lag while the load ran.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { GroupCommitWriter, WalCheckpointer, WalSync, WriterMetrics } from "@venus/data-common";
import { openDatabase } from "@venus/database";
import { VenusConfig } from "@venus/model";
import { createLogger, loadConfig, Metrics } from "@venus/simple-backend";
import { percentile } from "./measure.js";
import { sized } from "./quick.js";

export const WRITER_MODES = ["group", "group-main-checkpoint", "group-in-commit", "per-op"] as const;
export type WriterMode = (typeof WRITER_MODES)[number];
export const WRITER_PACES = ["flat", "paced"] as const;
export type WriterPace = (typeof WRITER_PACES)[number];

export interface WriterLoadResult {
  clients: number;
  durationMs: number;
  maxBatchDelayMs: number;
  maxBatchSize: number;
  pacedOpsPerSecond: number;
  ops: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  /** The event loop's lag while the load ran: timer delays beyond LAG_RESOLUTION_MS. */
  loopLagP99Ms: number;
  loopLagMaxMs: number;
  cpuMicros: number;
  maxRssBytes: number;
}

const CLIENTS = 200;
const DURATION_MS = sized(3_000, 300);
const PACED_OPS_PER_SECOND = 2_000;
const MAX_OPS_PER_CLIENT = 10_000;
const PAYLOAD = "x".repeat(100);
/** `monitorEventLoopDelay` samples the time between timer callbacks this far apart. */
const LAG_RESOLUTION_MS = 1;
const MIGRATIONS = [
  {
    version: 1,
    name: "bench rows",
    sql: "CREATE TABLE row (id INTEGER PRIMARY KEY, client INTEGER NOT NULL, seq INTEGER NOT NULL, payload TEXT NOT NULL)",
  },
];

const WRITER_DEFAULTS = loadConfig({ schema: VenusConfig, env: {}, envPrefix: "VENUS_" }).writer;

function writerOptions(mode: WriterMode) {
  return mode === "per-op"
    ? { maxBatchDelayMs: 0, maxBatchSize: 1 }
    : { maxBatchDelayMs: WRITER_DEFAULTS.max_batch_delay_ms, maxBatchSize: WRITER_DEFAULTS.max_batch_size };
}

async function runLoad(mode: WriterMode, pace: WriterPace, dir: string): Promise<WriterLoadResult> {
  const path = join(dir, "bench.sqlite");
  const db = openDatabase(path, MIGRATIONS);
  const offThread = mode === "group" || mode === "group-main-checkpoint";
  if (offThread) db.pragma("synchronous = NORMAL");
  const checkpointer =
    mode === "group"
      ? new WalCheckpointer(db, path, WRITER_DEFAULTS.checkpoint_wal_mib * 1024 * 1024)
      : undefined;
  const insert = db.prepare("INSERT INTO row (client, seq, payload) VALUES (?, ?, ?)");
  const options = writerOptions(mode);
  const writer = new GroupCommitWriter(db, {
    name: "bench",
    ...options,
    log: createLogger("warn", "bench-writer", 2),
    metrics: new WriterMetrics(new Metrics()),
    walSync: offThread ? new WalSync(path) : undefined,
    checkpointer,
  });
  // A server starts the thread once, long before its first checkpoint: not part of the load.
  await checkpointer?.ready();
  const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
  const latencies: number[] = [];
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  lag.enable();
  const deadline = started + DURATION_MS;
  const intervalMs = (CLIENTS / PACED_OPS_PER_SECOND) * 1000;
  const client = async (id: number): Promise<void> => {
    // Paced clients start spread over one interval, each on its own schedule.
    let next = started + (id / CLIENTS) * intervalMs;
    for (let seq = 0; seq < MAX_OPS_PER_CLIENT && performance.now() < deadline; seq++) {
      if (pace === "paced") {
        if (next > performance.now()) await sleep(next - performance.now());
        next += intervalMs;
      }
      const issued = performance.now();
      await writer.write(() => insert.run(id, seq, PAYLOAD));
      latencies.push(performance.now() - issued);
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, (_, id) => client(id)));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  lag.disable();
  await writer.close();
  const committed = db.prepare("SELECT count(*) AS n FROM row").get() as { n: number };
  db.close();
  if (committed.n !== latencies.length)
    throw new Error(`${latencies.length} writes acknowledged but ${committed.n} rows committed`);
  return {
    clients: CLIENTS,
    durationMs: DURATION_MS,
    pacedOpsPerSecond: PACED_OPS_PER_SECOND,
    ...options,
    ops: latencies.length,
    seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    loopLagP99Ms: Math.max(0, lag.percentile(99) / 1e6 - LAG_RESOLUTION_MS),
    loopLagMaxMs: Math.max(0, lag.max / 1e6 - LAG_RESOLUTION_MS),
    cpuMicros: cpu.user + cpu.system,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  };
}

const mode = WRITER_MODES.find((m) => m === process.argv[2]);
const pace = WRITER_PACES.find((p) => p === process.argv[3]);
if (!mode || !pace)
  throw new Error(`usage: writer-load.ts ${WRITER_MODES.join("|")} ${WRITER_PACES.join("|")}`);
const dir = mkdtempSync(join(tmpdir(), "venus-bench-writer-"));
try {
  process.stdout.write(`${JSON.stringify(await runLoad(mode, pace, dir))}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
