import { runBenchScript } from "./child-process.js";
import { MIB } from "./measure.js";
import { progress, type BenchmarkResult, type Metric } from "./report.js";
import { buildSlowFsyncShim, SLOW_FSYNC_MS } from "./slow-disk.js";
import type { WriterLoadResult, WriterMode, WriterPace } from "./writer-load.js";

const LOAD_TIMEOUT_MS = 60_000;

function load(mode: WriterMode, pace: WriterPace, preload?: string): Promise<WriterLoadResult> {
  progress(`writer: ${mode} ${pace}${preload ? `, fsync delayed ${SLOW_FSYNC_MS} ms` : ""}`);
  const env = preload ? { ...process.env, LD_PRELOAD: preload } : process.env;
  return runBenchScript<WriterLoadResult>("writer-load.ts", [mode, pace], LOAD_TIMEOUT_MS, env);
}

/** One side's runs: flat out, and (for the sync comparisons) paced. */
interface Side {
  flat: WriterLoadResult;
  paced?: WriterLoadResult;
}

function table(
  id: string,
  title: string,
  names: { subject: string; baseline: string },
  subject: Side,
  baseline: Side,
): BenchmarkResult {
  const metric = (
    name: string,
    unit: string,
    better: "lower" | "higher",
    value: (r: WriterLoadResult) => number,
    run: keyof Side = "flat",
  ): Metric[] => {
    const [s, b] = [subject[run], baseline[run]];
    return s && b ? [{ name, unit, better, subject: value(s), baseline: value(b) }] : [];
  };
  return {
    id,
    title,
    ...names,
    parameters: {
      concurrent_clients: subject.flat.clients,
      seconds_per_run: subject.flat.durationMs / 1000,
      group_max_batch_delay_ms: subject.flat.maxBatchDelayMs,
      group_max_batch_size: subject.flat.maxBatchSize,
      ...(subject.paced ? { paced_ops_per_second: subject.paced.pacedOpsPerSecond } : {}),
    },
    metrics: [
      ...metric("durable operations per second", "1/s", "higher", (r) => r.ops / r.seconds),
      ...metric("commit latency p50", "ms", "lower", (r) => r.p50Ms),
      ...metric("commit latency p99", "ms", "lower", (r) => r.p99Ms),
      ...metric("event-loop lag p99", "ms", "lower", (r) => r.loopLagP99Ms),
      ...metric("paced: commit latency p50", "ms", "lower", (r) => r.p50Ms, "paced"),
      ...metric("paced: commit latency p99", "ms", "lower", (r) => r.p99Ms, "paced"),
      ...metric("paced: event-loop lag p99", "ms", "lower", (r) => r.loopLagP99Ms, "paced"),
      ...metric("paced: event-loop lag max", "ms", "lower", (r) => r.loopLagMaxMs, "paced"),
      ...metric("process CPU per operation", "µs", "lower", (r) => r.cpuMicros / r.ops),
      ...metric("process peak RSS", "MiB", "lower", (r) => r.maxRssBytes / MIB),
    ],
  };
}

async function syncSides(preload?: string): Promise<{ offThread: Side; inCommit: Side }> {
  const inCommit = { flat: await load("group-in-commit", "flat", preload) };
  const offThread = { flat: await load("group", "flat", preload) };
  return {
    inCommit: { ...inCommit, paced: await load("group-in-commit", "paced", preload) },
    offThread: { ...offThread, paced: await load("group", "paced", preload) },
  };
}

/**
 * Durable inserts through group commit (WAL flushed off the event loop) against one transaction per
 * operation, and against the same group commit syncing inside each commit on the event loop (the
 * design before), on this disk and on a disk whose flushes take SLOW_FSYNC_MS; on the slow disk also
 * against checkpoints on the event loop (the design before the checkpoint thread). Each run in its
 * own process.
 */
export async function benchWriter(): Promise<BenchmarkResult[]> {
  const perOp = { flat: await load("per-op", "flat") };
  const here = await syncSides();
  const sync = { subject: "sync off-thread", baseline: "sync in commit" };
  const results = [
    table(
      "writer",
      "Writer: durable inserts, SQLite WAL, group commit against one synced transaction per operation",
      { subject: "group commit", baseline: "1 txn / op" },
      { flat: here.offThread.flat },
      perOp,
    ),
    table(
      "writer-sync",
      "Writer: WAL flushed on the thread pool against synchronous=FULL on the event loop",
      sync,
      here.offThread,
      here.inCommit,
    ),
  ];
  const shim = buildSlowFsyncShim();
  if (shim) {
    const slow = await syncSides(shim);
    const mainCheckpoint = {
      flat: await load("group-main-checkpoint", "flat", shim),
      paced: await load("group-main-checkpoint", "paced", shim),
    };
    results.push(
      table(
        "writer-slow-disk",
        `Writer on a slow disk (every fsync ${SLOW_FSYNC_MS} ms): WAL flushed on the thread pool against synchronous=FULL on the event loop`,
        sync,
        slow.offThread,
        slow.inCommit,
      ),
      table(
        "writer-checkpoint",
        `Writer on a slow disk (every fsync ${SLOW_FSYNC_MS} ms): checkpoints on a worker thread against SQLite's automatic checkpoint on the event loop`,
        { subject: "checkpoint thread", baseline: "checkpoint on loop" },
        slow.offThread,
        mainCheckpoint,
      ),
    );
  }
  return results;
}
