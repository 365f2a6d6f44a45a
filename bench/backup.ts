/**
 * Backups between two real `venus manager` processes on loopback (docs/manager.md, "Backups"): the
 * first backup of a data directory of about 85 MiB of SQLite and 2,000 image files, a second with
 * nothing changed, a third after 100 new images, then `venus backup verify` and `venus backup
 * restore` on the peer's store. Each against a plain copy of the same data (read, SHA-256, write,
 * fsync) in its own process, measured in the same run. Runs in `npm run bench` or alone:
 * `npm run build && npx tsx bench/run.ts backup`.
 */
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { ManagerConfig } from "@venus/model";
import { plainCopy, type CopyResult, type CopySpec } from "./backup-copy.js";
import {
  ACCOUNTS,
  CONTENT_ITEMS,
  dataFiles,
  FILES_PER_CONTENT,
  MESSAGES,
  NEW_CONTENT_ITEMS,
  writeBenchData,
  writeImages,
  type BenchData,
} from "./backup-data.js";
import {
  backupCommand,
  measureBackup,
  peerStore,
  POLL_MS,
  runVenus,
  startManagers,
  type BackupRun,
  type CommandRun,
  type Manager,
} from "./backup-managers.js";
import { MIB } from "./measure.js";
import { progress, type BenchmarkResult, type Metric } from "./report.js";

/** The managers run `[backup]`'s defaults for these. */
const BACKUP_DEFAULTS = ManagerConfig.properties.backup.properties;

const seconds = (micros: number) => micros / 1e6;
const mib = (bytes: number) => bytes / MIB;
const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

function metric(
  name: string,
  unit: string,
  better: Metric["better"],
  subject: number,
  baseline: number,
): Metric {
  return { name, unit, better, subject, baseline };
}

/** Every file under `dir`, relative paths; `skip` leaves out a subdirectory by its relative path. */
function filesUnder(dir: string, skip: (path: string) => boolean = () => false): string[] {
  const found: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(join(dir, relative), { withFileTypes: true })) {
      const path = relative === "" ? entry.name : `${relative}/${entry.name}`;
      if (skip(path)) continue;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) found.push(path);
    }
  };
  walk("");
  return found.sort();
}

/** Runs a baseline, then removes what it wrote. */
async function baseline(dir: string, name: string, spec: Omit<CopySpec, "to">): Promise<CopyResult> {
  const to = join(dir, `copy-${name}`);
  try {
    return await plainCopy(spec.mode === "copy" ? { ...spec, to } : spec, join(dir, `copy-${name}.json`));
  } finally {
    rmSync(to, { recursive: true, force: true });
  }
}

function expectCounts(
  run: BackupRun,
  sent: number,
  skipped: number,
  databases: readonly string[],
  what: string,
): void {
  const { last } = run;
  if (
    last.images_sent !== sent ||
    last.images_skipped !== skipped ||
    [...last.databases].sort().join() !== databases.join()
  )
    throw new Error(
      `${what}: expected ${sent} images sent and ${skipped} skipped, got ${JSON.stringify(last)}`,
    );
}

function expectSuccess(run: CommandRun, what: string): void {
  if (run.code !== 0) throw new Error(`${what} exited with ${run.code}:\n${run.stdout}\n${run.stderr}`);
}

/** The restored directory holds every image byte for byte, and the databases' rows. */
function checkRestored(restored: string, data: BenchData): void {
  const media = filesUnder(join(restored, "media"));
  if (media.length !== data.images.size)
    throw new Error(`restored ${media.length} image files, expected ${data.images.size}`);
  for (const path of media) {
    const sha256 = createHash("sha256")
      .update(readFileSync(join(restored, "media", path)))
      .digest("hex");
    if (data.images.get(`media/${path}`) !== sha256) throw new Error(`restored media/${path} differs`);
  }
  const count = (file: string, table: string) => {
    const db = new BetterSqlite3(join(restored, file), { readonly: true, fileMustExist: true });
    try {
      return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    } finally {
      db.close();
    }
  };
  const expected: [string, string, number][] = [
    ["account.sqlite", "account", ACCOUNTS],
    ["profile.sqlite", "profile", ACCOUNTS],
    ["chat.sqlite", "messages", MESSAGES],
    ["media.sqlite", "content", CONTENT_ITEMS + NEW_CONTENT_ITEMS],
  ];
  for (const [file, table, rows] of expected) {
    const found = count(file, table);
    if (found !== rows) throw new Error(`restored ${file} has ${found} rows in ${table}, expected ${rows}`);
  }
}

const phaseLine = (run: BackupRun) =>
  run.phases.map((phase) => `${phase.phase} ${phase.seconds.toFixed(2)}`).join(", ");

const pollLine = (run: BackupRun) =>
  `${run.slowestPollMs.toFixed(0)} ms (answered in phase ${run.slowestPollPhase}), polled every ${POLL_MS} ms`;

const phaseCpuLine = (run: BackupRun) =>
  run.phases
    .map(
      (phase) =>
        `${phase.phase} ${seconds(phase.sourceCpuMicros).toFixed(2)}/${seconds(phase.peerCpuMicros).toFixed(2)}`,
    )
    .join(", ");

interface Measured {
  databaseBytes: Record<string, number>;
  imageBytes: number;
  copyAll: CopyResult;
  first: BackupRun;
  copyDatabases: CopyResult;
  second: BackupRun;
  copyChanged: CopyResult;
  third: BackupRun;
  hashStore: CopyResult;
  verify: CommandRun;
  copyRestored: CopyResult;
  restore: CommandRun;
  startup: CommandRun;
}

function results(m: Measured): BenchmarkResult[] {
  const { first, second, third, copyAll } = m;
  const databases = Object.keys(m.databaseBytes);
  const both = (run: BackupRun) => seconds(run.sourceCpuMicros + run.peerCpuMicros);
  const firstResult: BenchmarkResult = {
    id: "backup-first",
    title: "Backups: the first backup of a data directory (everything travels)",
    subject: "first backup",
    baseline: "plain copy",
    parameters: {
      databases: `${databases.length}, ${mib(sum(Object.values(m.databaseBytes))).toFixed(1)} MiB (${databases
        .map((name) => `${name.replace(".sqlite", "")} ${mib(m.databaseBytes[name] ?? 0).toFixed(1)}`)
        .join(", ")})`,
      images: `${CONTENT_ITEMS * FILES_PER_CONTENT} files, ${mib(m.imageBytes).toFixed(1)} MiB`,
      sent: `${mib(first.last.bytes_sent).toFixed(1)} MiB (plaintext), ${first.last.images_sent} images`,
      chunk_bytes: `${mib(BACKUP_DEFAULTS.chunk_bytes.default as number)} MiB`,
      parallel_uploads: BACKUP_DEFAULTS.parallel_uploads.default as number,
      phases_s: phaseLine(first),
      phase_cpu_s: `source/peer: ${phaseCpuLine(first)}`,
      rss_before_mib: `source ${mib(first.sourceRssBeforeBytes).toFixed(0)}, peer ${mib(first.peerRssBeforeBytes).toFixed(0)}`,
      slowest_status_poll: pollLine(first),
      baseline: "read, SHA-256, write, fsync each file, one process",
    },
    metrics: [
      metric("wall time", "s", "lower", first.seconds, copyAll.seconds),
      metric(
        "throughput",
        "MiB/s",
        "higher",
        mib(first.last.bytes_sent) / first.seconds,
        mib(copyAll.bytes) / copyAll.seconds,
      ),
      metric("CPU, both managers", "s", "lower", both(first), seconds(copyAll.cpuMicros)),
      metric("CPU, source manager", "s", "lower", seconds(first.sourceCpuMicros), seconds(copyAll.cpuMicros)),
      metric("CPU, peer manager", "s", "lower", seconds(first.peerCpuMicros), seconds(copyAll.cpuMicros)),
      metric(
        "peak RSS, source manager",
        "MiB",
        "lower",
        mib(first.sourcePeakRssBytes),
        mib(copyAll.peakRssBytes),
      ),
      metric(
        "peak RSS, peer manager",
        "MiB",
        "lower",
        mib(first.peerPeakRssBytes),
        mib(copyAll.peakRssBytes),
      ),
    ],
  };
  const { copyDatabases, copyChanged, hashStore, verify, copyRestored, restore } = m;
  /** The rows of one later backup against the plain copy of what it had to send. */
  const later = (label: string, run: BackupRun, copy: CopyResult): Metric[] => [
    metric(`${label}: wall time`, "s", "lower", run.seconds, copy.seconds),
    metric(`${label}: sent`, "MiB", "lower", mib(run.last.bytes_sent), mib(copy.bytes)),
    metric(
      `${label}: CPU, source manager`,
      "s",
      "lower",
      seconds(run.sourceCpuMicros),
      seconds(copy.cpuMicros),
    ),
    metric(`${label}: CPU, peer manager`, "s", "lower", seconds(run.peerCpuMicros), seconds(copy.cpuMicros)),
    metric(
      `${label}: peak RSS, source manager`,
      "MiB",
      "lower",
      mib(run.sourcePeakRssBytes),
      mib(copy.peakRssBytes),
    ),
    metric(
      `${label}: peak RSS, peer manager`,
      "MiB",
      "lower",
      mib(run.peerPeakRssBytes),
      mib(copy.peakRssBytes),
    ),
  ];
  const laterResult: BenchmarkResult = {
    id: "backup-later",
    title: "Backups: a second backup with nothing changed, a third after 100 new images",
    subject: "backup",
    baseline: "plain copy of what changed",
    parameters: {
      "2nd": `baseline: the ${databases.length} databases; sent ${((100 * second.last.bytes_sent) / sum(Object.values(m.databaseBytes))).toFixed(3)} % of them (the block lists); phases_s ${phaseLine(second)}; slowest status poll ${second.slowestPollMs.toFixed(0)} ms (${second.slowestPollPhase}); images sent ${second.last.images_sent}, skipped ${second.last.images_skipped}`,
      "3rd": `baseline: the databases and the ${NEW_CONTENT_ITEMS * FILES_PER_CONTENT} new images; phases_s ${phaseLine(third)}; slowest status poll ${third.slowestPollMs.toFixed(0)} ms (${third.slowestPollPhase}); images sent ${third.last.images_sent}, skipped ${third.last.images_skipped}`,
    },
    metrics: [...later("2nd", second, copyDatabases), ...later("3rd", third, copyChanged)],
  };
  const commandResult: BenchmarkResult = {
    id: "backup-commands",
    title: "Backups: venus backup verify and restore on the peer's store",
    subject: "venus backup",
    baseline: "plain hash / copy",
    parameters: {
      verify: `3 snapshots and the image objects, ${hashStore.files} files, ${mib(hashStore.bytes).toFixed(1)} MiB stored; baseline: read + SHA-256 of the same stored files`,
      restore: `the newest snapshot and every image into an empty directory, ${copyRestored.files} files; baseline: copy of the data directory`,
      command_startup: `venus --version ${m.startup.seconds.toFixed(2)} s, CPU ${seconds(m.startup.cpuMicros).toFixed(2)} s (included in the commands' figures, not in the baselines')`,
    },
    metrics: [
      metric("verify: wall time", "s", "lower", verify.seconds, hashStore.seconds),
      metric("verify: CPU", "s", "lower", seconds(verify.cpuMicros), seconds(hashStore.cpuMicros)),
      metric("verify: peak RSS", "MiB", "lower", mib(verify.peakRssBytes), mib(hashStore.peakRssBytes)),
      metric("restore: wall time", "s", "lower", restore.seconds, copyRestored.seconds),
      metric("restore: CPU", "s", "lower", seconds(restore.cpuMicros), seconds(copyRestored.cpuMicros)),
      metric("restore: peak RSS", "MiB", "lower", mib(restore.peakRssBytes), mib(copyRestored.peakRssBytes)),
    ],
  };
  return [firstResult, laterResult, commandResult];
}

async function measure(dir: string, data: BenchData, source: Manager, peer: Manager): Promise<Measured> {
  const { dataDir } = data;
  const all = dataFiles(dataDir);
  const databaseBytes = Object.fromEntries(
    all.filter((file) => file.path.endsWith(".sqlite")).map((file) => [file.path, file.size]),
  );
  const imageBytes = sum(all.filter((file) => file.path.startsWith("media/")).map((file) => file.size));
  const topLevel = all.filter((file) => !file.path.includes("/")).map((file) => file.path);
  const databases = Object.keys(databaseBytes).sort();

  progress(
    `backup: baseline, plain copy of ${all.length} files (${mib(sum(all.map((f) => f.size))).toFixed(0)} MiB)`,
  );
  const copyAll = await baseline(dir, "all", {
    mode: "copy",
    from: dataDir,
    files: all.map((file) => file.path),
  });
  progress("backup: first backup");
  const first = await measureBackup(source, peer);
  expectCounts(first, CONTENT_ITEMS * FILES_PER_CONTENT, 0, databases, "first backup");

  progress("backup: baseline, plain copy of the databases");
  const copyDatabases = await baseline(dir, "databases", { mode: "copy", from: dataDir, files: topLevel });
  progress("backup: second backup, nothing changed");
  const second = await measureBackup(source, peer);
  expectCounts(second, 0, CONTENT_ITEMS * FILES_PER_CONTENT, databases, "second backup");
  // Nothing changed: only the block lists travel (docs/manager.md, "Only what changed travels").
  const databaseTotal = sum(Object.values(databaseBytes));
  if (second.last.bytes_sent > databaseTotal / 100)
    throw new Error(`second backup: sent ${second.last.bytes_sent} bytes, over 1 % of the databases`);

  const before = new Set(data.images.keys());
  writeImages(dataDir, data.accountIds, CONTENT_ITEMS, NEW_CONTENT_ITEMS, data.images);
  const added = [...data.images.keys()].filter((path) => !before.has(path));
  progress(`backup: baseline, plain copy of the databases and ${added.length} new images`);
  const copyChanged = await baseline(dir, "changed", {
    mode: "copy",
    from: dataDir,
    files: [...topLevel, ...added],
  });
  progress(`backup: third backup, ${added.length} new images`);
  const third = await measureBackup(source, peer);
  expectCounts(third, added.length, CONTENT_ITEMS * FILES_PER_CONTENT, databases, "third backup");

  const store = peerStore(peer);
  progress("backup: baseline, hash of the stored files; then venus backup verify");
  const hashStore = await baseline(dir, "store", {
    mode: "hash",
    from: store,
    files: filesUnder(store, (path) => path === "tmp"),
  });
  const verify = await backupCommand(peer, "verify");
  expectSuccess(verify, "venus backup verify");
  if (!verify.stdout.includes("all good")) throw new Error(`venus backup verify: ${verify.stdout}`);

  progress("backup: baseline, plain copy of the data directory; then venus backup restore");
  const copyRestored = await baseline(dir, "restored", {
    mode: "copy",
    from: dataDir,
    files: dataFiles(dataDir).map((file) => file.path),
  });
  const restoredDir = join(dir, "restored");
  const restore = await backupCommand(peer, "restore", "--to", restoredDir);
  expectSuccess(restore, "venus backup restore");
  checkRestored(restoredDir, data);
  rmSync(restoredDir, { recursive: true, force: true });

  const startup = await runVenus(["--version"]);
  expectSuccess(startup, "venus --version");
  return {
    databaseBytes,
    imageBytes,
    copyAll,
    first,
    copyDatabases,
    second,
    copyChanged,
    third,
    hashStore,
    verify,
    copyRestored,
    restore,
    startup,
  };
}

export async function benchBackup(): Promise<BenchmarkResult[]> {
  const dir = mkdtempSync(join(tmpdir(), "venus-bench-backup-"));
  mkdirSync(join(dir, "server"));
  try {
    progress("backup: a fresh data directory from venus server, then rows and images written into it");
    const data = await writeBenchData(join(dir, "server"));
    progress("backup: starting the source and the peer manager");
    const { source, peer } = await startManagers(data.configFile);
    try {
      return results(await measure(dir, data, source, peer));
    } finally {
      await Promise.allSettled([source.stop(), peer.stop()]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
