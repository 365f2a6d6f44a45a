/**
 * The backup benchmark's baseline, in its own process so that its CPU and memory are its own: the
 * least a verified copy must do. `copy`: read each file, SHA-256 it, write it to another directory,
 * fsync it (and each directory it created, at the end). `hash`: read and SHA-256 only (what a check
 * of stored files must do at least). One file at a time through one 1 MiB buffer, synchronous calls.
 *
 * Run as `node --import tsx bench/backup-copy.ts SPEC.json`; prints one JSON line of `CopyResult`.
 */
import { createHash } from "node:crypto";
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { runBenchScript } from "./child-process.js";
import { processPeakRssBytes, processRssBytes } from "./measure.js";

export interface CopySpec {
  mode: "copy" | "hash";
  /** Files relative to `from`; copied to the same relative paths under `to`. */
  from: string;
  files: string[];
  to?: string;
}

export interface CopyResult {
  files: number;
  bytes: number;
  seconds: number;
  /** User + system CPU of the process over the work. */
  cpuMicros: number;
  /** RSS when the work began, and its peak during the work (`VmHWM`, reset at the start). */
  rssBeforeBytes: number;
  peakRssBytes: number;
}

const BUFFER_BYTES = 1024 * 1024;
const TIMEOUT_MS = 120_000;

function fsyncPath(path: string): void {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function run(spec: CopySpec): CopyResult {
  const buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  writeFileSync("/proc/self/clear_refs", "5");
  const rssBeforeBytes = processRssBytes(process.pid);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const dirs = new Set<string>();
  let bytes = 0;
  for (const file of spec.files) {
    const hash = createHash("sha256");
    const input = openSync(join(spec.from, file), "r");
    let output: number | undefined;
    try {
      if (spec.mode === "copy") {
        const target = join(spec.to as string, file);
        if (!dirs.has(dirname(target))) mkdirSync(dirname(target), { recursive: true });
        for (let dir = dirname(target); dir.startsWith(spec.to as string); dir = dirname(dir)) dirs.add(dir);
        output = openSync(target, "wx");
      }
      for (let read = readSync(input, buffer); read > 0; read = readSync(input, buffer)) {
        const piece = buffer.subarray(0, read);
        hash.update(piece);
        if (output !== undefined) writeSync(output, piece);
        bytes += read;
      }
      hash.digest("hex");
      if (output !== undefined) fsyncSync(output);
    } finally {
      closeSync(input);
      if (output !== undefined) closeSync(output);
    }
  }
  for (const dir of dirs) fsyncPath(dir);
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return {
    files: spec.files.length,
    bytes,
    seconds,
    cpuMicros: used.user + used.system,
    rssBeforeBytes,
    peakRssBytes: processPeakRssBytes(process.pid),
  };
}

/** Runs the baseline on `spec` in a child process (the spec travels in `specFile`). */
export function plainCopy(spec: CopySpec, specFile: string): Promise<CopyResult> {
  writeFileSync(specFile, JSON.stringify(spec));
  return runBenchScript<CopyResult>("backup-copy.ts", [specFile], TIMEOUT_MS);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const spec = JSON.parse(readFileSync(process.argv[2] as string, "utf8")) as CopySpec;
  process.stdout.write(`${JSON.stringify(run(spec))}\n`);
}
