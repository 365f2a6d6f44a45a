/**
 * `venus server` spawned on a given data directory, timed from spawn to its `listening` log line.
 * Spawned here rather than through testing/spawn-server.ts so that the process can be killed even
 * when it never gets to listen, and so that memory and CPU are read the moment it does.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { stringify } from "smol-toml";
import { VENUS_BIN } from "../packages/server/src/testing/spawn-server.js";
import { withTimeout } from "./concurrency.js";
import { DEBUGGER_LINE, INSPECTOR_FLAG } from "./inspector.js";
import { processCpuMicros, processPeakRssBytes, processRssBytes } from "./measure.js";

const STOP_TIMEOUT_MS = 30_000;
/**
 * Extra Node.js flags for the server, space-separated: `BENCH_SERVER_NODE_FLAGS="--cpu-prof
 * --cpu-prof-dir=/tmp/prof"` profiles its start-up (the profile is written when it stops).
 */
const SERVER_NODE_ARGS = (process.env.BENCH_SERVER_NODE_FLAGS ?? "").split(" ").filter(Boolean);

export interface StartedVenus {
  pid: number;
  url: string;
  wsUrl: string;
  inspectorUrl: string;
  /** From spawning the process to reading its `listening` line. */
  startMs: number;
  /** The server's CPU time (user + system), RSS and peak RSS when it was listening. */
  startCpuMicros: number;
  rssAtListening: number;
  peakRssAtListening: number;
  /** Every line the server printed. */
  output: string[];
  /** SIGTERM, then SIGKILL if it has not exited within 30 s. */
  stop(): Promise<void>;
}

/**
 * Writes `<dir>/venus.toml` (data in `<dir>/data`, a free port, info logs, `config` merged over
 * that) and starts `venus server` with the inspector on loopback, so a full GC can be forced.
 */
export async function spawnVenus(
  dir: string,
  config: Record<string, unknown>,
  timeoutMs: number,
): Promise<StartedVenus> {
  const configFile = join(dir, "venus.toml");
  writeFileSync(
    configFile,
    stringify({
      data_dir: join(dir, "data"),
      http: { port: 0 },
      bots: { local_port: 0 },
      log: { level: "info" },
      ...config,
    }),
  );
  const started = performance.now();
  const child = spawn(process.execPath, [...SERVER_NODE_ARGS, VENUS_BIN, "server", "--config", configFile], {
    env: { ...process.env, NODE_OPTIONS: INSPECTOR_FLAG },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // If the benchmark process exits (run.ts exits on any failure), the server goes with it.
  const killOnExit = () => child.kill("SIGKILL");
  process.on("exit", killOnExit);
  const exited = once(child, "exit");
  const stop = async () => {
    try {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      await withTimeout(exited, STOP_TIMEOUT_MS, "stop venus server").catch(async (error: unknown) => {
        child.kill("SIGKILL");
        await exited;
        throw error;
      });
    } finally {
      process.off("exit", killOnExit);
    }
  };

  const output: string[] = [];
  let inspectorUrl: string | undefined;
  const listening = new Promise<Omit<StartedVenus, "stop" | "output" | "inspectorUrl">>((resolve) => {
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on("line", (line) => {
        output.push(line);
        inspectorUrl ??= DEBUGGER_LINE.exec(line)?.[1];
        if (!line.includes('"msg":"listening"')) return;
        // Read at once, before the event loop lets anything else run.
        const startMs = performance.now() - started;
        const pid = child.pid as number;
        const startCpuMicros = processCpuMicros(pid);
        const rssAtListening = processRssBytes(pid);
        const peakRssAtListening = processPeakRssBytes(pid);
        const { port } = JSON.parse(line) as { port: number };
        resolve({
          pid,
          url: `http://127.0.0.1:${port}`,
          wsUrl: `ws://127.0.0.1:${port}/ws`,
          startMs,
          startCpuMicros,
          rssAtListening,
          peakRssAtListening,
        });
      });
    }
  });
  const failed = exited.then(([code, signal]) => {
    throw new Error(
      `venus server exited (${String(code ?? signal)}) before listening:\n${output.join("\n")}`,
    );
  });
  try {
    const ready = await withTimeout(Promise.race([listening, failed]), timeoutMs, "start venus server");
    if (inspectorUrl === undefined) throw new Error(`no inspector URL in:\n${output.join("\n")}`);
    return { ...ready, inspectorUrl, output, stop };
  } catch (error) {
    child.kill("SIGKILL");
    await exited;
    process.off("exit", killOnExit);
    throw error;
  }
}
