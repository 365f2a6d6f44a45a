import { runBenchScript } from "./child-process.js";
import { MIB } from "./measure.js";
import { progress, type BenchmarkResult } from "./report.js";
import type { WriterLoadResult, WriterMode } from "./writer-load.js";

const LOAD_TIMEOUT_MS = 60_000;

function load(mode: WriterMode): Promise<WriterLoadResult> {
  progress(`writer: ${mode} load`);
  return runBenchScript<WriterLoadResult>("writer-load.ts", [mode], LOAD_TIMEOUT_MS);
}

/** Durable inserts through group commit against one transaction per operation, each in its own process. */
export async function benchWriter(): Promise<BenchmarkResult> {
  const perOp = await load("per-op");
  const group = await load("group");
  const metric = (
    name: string,
    unit: string,
    better: "lower" | "higher",
    value: (r: WriterLoadResult) => number,
  ) => ({ name, unit, better, subject: value(group), baseline: value(perOp) });
  return {
    id: "writer",
    title: "Writer: durable inserts, SQLite WAL + synchronous=FULL",
    subject: "group commit",
    baseline: "1 txn / op",
    parameters: {
      concurrent_clients: group.clients,
      seconds_per_side: group.durationMs / 1000,
      group_max_batch_delay_ms: group.maxBatchDelayMs,
      group_max_batch_size: group.maxBatchSize,
    },
    metrics: [
      metric("durable operations per second", "1/s", "higher", (r) => r.ops / r.seconds),
      metric("commit latency p50", "ms", "lower", (r) => r.p50Ms),
      metric("commit latency p99", "ms", "lower", (r) => r.p99Ms),
      metric("process CPU per operation", "µs", "lower", (r) => r.cpuMicros / r.ops),
      metric("process peak RSS", "MiB", "lower", (r) => r.maxRssBytes / MIB),
    ],
  };
}
