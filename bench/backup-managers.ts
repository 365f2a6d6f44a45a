/**
 * The two real `venus manager` processes of the backup benchmark, and the `venus backup` commands,
 * each measured from outside: wall time, CPU time and peak RSS.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Readable } from "node:stream";
import type { BackupStatus, LastBackup } from "@venus/manager";
import { VENUS_BIN } from "../packages/server/src/testing/spawn-server.js";
import { startManager, type RunningManager } from "../packages/server/src/testing/spawn-manager.js";
import { sleep, withTimeout } from "./concurrency.js";
import { processCpuMicros, processPeakRssBytes, processRssBytes } from "./measure.js";

/** A fixed key: the figures do not depend on it. */
const KEY = "3c9a4f1e7b2d5a8c6e0f1b3d5a7c9e2f4b6d8a0c2e4f6a8b1d3f5a7c9e1b3d5f";
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 30_000;
const BACKUP_TIMEOUT_MS = 120_000;
const CLI_TIMEOUT_MS = 120_000;
/** Often enough to see the phases; each poll is one small request to the source manager. */
export const POLL_MS = 25;

export interface Manager {
  pid: number;
  running: RunningManager;
  /** SIGTERM, wait for the exit, remove its temp directory (configs and manager data). */
  stop(): Promise<void>;
}

async function launch(config: Record<string, unknown>): Promise<Manager> {
  const running = await withTimeout(startManager({ config }), START_TIMEOUT_MS, "start venus manager");
  // If the benchmark process exits (run.ts exits on any failure), the manager goes with it.
  const killOnExit = () => running.kill("SIGKILL");
  process.on("exit", killOnExit);
  const pid = running.process.pid as number;
  return {
    pid,
    running,
    stop: async () => {
      try {
        running.kill("SIGTERM");
        await withTimeout(running.exited, STOP_TIMEOUT_MS, "stop venus manager").catch(
          async (error: unknown) => {
            running.kill("SIGKILL");
            await running.exited;
            throw error;
          },
        );
      } finally {
        process.off("exit", killOnExit);
        rmSync(running.dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * The peer (`backup.accept`, no server) and the source, which runs no server either
 * (`server.control = "none"`) but backs up the data directory named in `serverConfigFile`.
 */
export async function startManagers(serverConfigFile: string): Promise<{ source: Manager; peer: Manager }> {
  const peer = await launch({ server: { control: "none" }, backup: { accept: true, key: KEY } });
  try {
    const source = await launch({
      server: { control: "none", config_file: serverConfigFile },
      remotes: [{ name: "backup-peer", url: peer.running.url, api_key: peer.running.apiKey }],
      backup: { peer: "backup-peer", key: KEY },
    });
    return { source, peer };
  } catch (error) {
    await peer.stop();
    throw error;
  }
}

/** Resets a process's peak RSS (`VmHWM`) to its current RSS (Linux `/proc/PID/clear_refs`). */
export function resetPeakRss(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, "5");
}

export interface PhaseTiming {
  phase: string;
  seconds: number;
  sourceCpuMicros: number;
  peerCpuMicros: number;
}

export interface BackupRun {
  last: LastBackup;
  /** The manager's own `finished_at − started_at`. */
  seconds: number;
  sourceCpuMicros: number;
  peerCpuMicros: number;
  /** Peak RSS during the backup (`VmHWM`, reset when it began). */
  sourcePeakRssBytes: number;
  peerPeakRssBytes: number;
  /** RSS when the backup began (before it, the managers were idle). */
  sourceRssBeforeBytes: number;
  peerRssBeforeBytes: number;
  /** Each phase as the polls saw it (to ±POLL_MS), with both managers' CPU in it. */
  phases: PhaseTiming[];
  /** The slowest `GET /manager/backup` answer: how long the source's API stalled at worst. */
  slowestPollMs: number;
  slowestPollPhase: string;
}

/** `POST /manager/backup` on the source, then `GET` every POLL_MS until it is over; checks it succeeded. */
export async function measureBackup(source: Manager, peer: Manager): Promise<BackupRun> {
  for (const { pid } of [source, peer]) resetPeakRss(pid);
  const [sourceRssBeforeBytes, peerRssBeforeBytes] = [source.pid, peer.pid].map(processRssBytes) as [
    number,
    number,
  ];
  const cpu = () => ({
    at: performance.now(),
    source: processCpuMicros(source.pid),
    peer: processCpuMicros(peer.pid),
  });
  const before = cpu();
  const marks: { phase: string; at: ReturnType<typeof cpu> }[] = [];
  const started = await source.running.api<BackupStatus>("POST", "/manager/backup");
  if (started.status !== 202)
    throw new Error(`POST /manager/backup: ${started.status} ${JSON.stringify(started.body)}`);
  const deadline = performance.now() + BACKUP_TIMEOUT_MS;
  let status = started.body;
  marks.push({ phase: status.phase ?? "snapshot", at: before });
  let slowestPollMs = 0;
  let slowestPollPhase = "";
  while (status.running) {
    if (performance.now() > deadline) throw new Error(`the backup took over ${BACKUP_TIMEOUT_MS} ms`);
    await sleep(POLL_MS);
    const asked = performance.now();
    status = (await source.running.api<BackupStatus>("GET", "/manager/backup")).body;
    const pollMs = performance.now() - asked;
    if (pollMs > slowestPollMs) [slowestPollMs, slowestPollPhase] = [pollMs, status.phase ?? "done"];
    const phase = status.running ? (status.phase as string) : "done";
    if (phase !== marks.at(-1)?.phase) marks.push({ phase, at: cpu() });
  }
  const after = marks.at(-1)?.at ?? cpu();
  const last = status.last;
  if (last === null || !last.ok) throw new Error(`the backup failed: ${JSON.stringify(last)}`);
  const phases = marks.slice(0, -1).map(({ phase, at }, i) => {
    const next = (marks[i + 1] as (typeof marks)[number]).at;
    return {
      phase,
      seconds: (next.at - at.at) / 1000,
      sourceCpuMicros: next.source - at.source,
      peerCpuMicros: next.peer - at.peer,
    };
  });
  return {
    last,
    seconds: (Date.parse(last.finished_at) - Date.parse(last.started_at)) / 1000,
    sourceCpuMicros: after.source - before.source,
    peerCpuMicros: after.peer - before.peer,
    sourcePeakRssBytes: processPeakRssBytes(source.pid),
    peerPeakRssBytes: processPeakRssBytes(peer.pid),
    sourceRssBeforeBytes,
    peerRssBeforeBytes,
    phases,
    slowestPollMs,
    slowestPollPhase,
  };
}

/**
 * Loaded into a `venus` command with `--import`: at exit it writes the process's own CPU time and
 * peak RSS (getrusage: every thread) to fd 3, since /proc/PID is gone once the parent sees the exit.
 */
const USAGE_HOOK =
  "data:text/javascript," +
  encodeURIComponent(
    'import { writeSync } from "node:fs";' +
      "process.on('exit', () => { const u = process.resourceUsage();" +
      " writeSync(3, JSON.stringify({ cpu: u.userCPUTime + u.systemCPUTime, maxRss: u.maxRSS * 1024 })); });",
  );

export interface CommandRun {
  code: number;
  stdout: string;
  stderr: string;
  /** From spawn to exit: what the operator waits, Node's start-up included. */
  seconds: number;
  cpuMicros: number;
  peakRssBytes: number;
}

function collect(stream: Readable): () => string {
  let text = "";
  stream.on("data", (chunk: Buffer) => (text += chunk.toString()));
  return () => text;
}

/** Runs `venus ...args` (the built binary) to its end. */
export async function runVenus(args: string[]): Promise<CommandRun> {
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", USAGE_HOOK, VENUS_BIN, ...args], {
    stdio: ["ignore", "pipe", "pipe", "pipe"],
  });
  // "close" comes after the exit and after every stdio pipe has ended, fd 3 included.
  const closed = once(child, "close");
  const stdout = collect(child.stdout as Readable);
  const stderr = collect(child.stderr as Readable);
  const usage = collect(child.stdio[3] as Readable);
  const [code] = (await withTimeout(closed, CLI_TIMEOUT_MS, `venus ${args.join(" ")}`).catch(
    (error: unknown) => {
      child.kill("SIGKILL");
      throw error;
    },
  )) as [number | null];
  const seconds = (performance.now() - started) / 1000;
  const { cpu, maxRss } = JSON.parse(usage()) as { cpu: number; maxRss: number };
  return {
    code: code ?? -1,
    stdout: stdout(),
    stderr: stderr(),
    seconds,
    cpuMicros: cpu,
    peakRssBytes: maxRss,
  };
}

/** `venus backup <command> ... -c <the peer's manager.toml>`. */
export function backupCommand(peer: Manager, ...args: string[]): Promise<CommandRun> {
  return runVenus(["backup", ...args, "-c", join(peer.running.dir, "manager.toml")]);
}

/** Where the peer keeps the source's backups (docs/manager.md, "On the peer's disk"). */
export const peerStore = (peer: Manager): string =>
  join(peer.running.dir, "manager-data", "backups", "venus");
