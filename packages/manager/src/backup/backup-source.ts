import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { ManagerConfig } from "@venus/model";
import type { Logger } from "@venus/simple-backend";
import type { ManagerCaller } from "../remotes/manager-caller.js";
import { BackupError } from "./backup-error.js";
import { runBackupSession, type BackupPhase, type BackupResult } from "./backup-run.js";
import { callPeer } from "./peer-call.js";
import { SESSIONS_PATH } from "./peer-routes.js";

export interface LastBackup extends Omit<BackupResult, "snapshot"> {
  ok: boolean;
  /** The snapshot's name at the peer; null when the backup failed. */
  snapshot: string | null;
  started_at: string;
  finished_at: string;
  error?: { code: string; message: string };
}

/** `GET /manager/backup`. */
export interface BackupStatus {
  running: boolean;
  phase: BackupPhase | null;
  done_bytes: number;
  total_bytes: number;
  last: LastBackup | null;
}

export interface SourceOptions {
  caller: ManagerCaller;
  key: Buffer;
  config: ManagerConfig["backup"];
  /** Undefined when the server's config could not be read. */
  serverDataDir: string | undefined;
  managerDataDir: string;
  log: Logger;
}

/** The source's side of backups: at most one session at a time, its progress and the last result. */
export class BackupSource {
  private progress = { phase: "snapshot" as BackupPhase, done_bytes: 0, total_bytes: 0 };
  private last: LastBackup | null = null;
  private running: Promise<LastBackup> | undefined;
  private readonly stopping = new AbortController();

  constructor(private readonly options: SourceOptions) {}

  status(): BackupStatus {
    if (this.running === undefined)
      return { running: false, phase: null, done_bytes: 0, total_bytes: 0, last: this.last };
    return { running: true, ...this.progress, last: this.last };
  }

  /** Starts a backup unless one runs; resolves with its result (a failure is a result too). */
  start(): Promise<LastBackup> | undefined {
    if (this.running !== undefined || this.stopping.signal.aborted) return undefined;
    this.progress = { phase: "snapshot", done_bytes: 0, total_bytes: 0 };
    const run = this.run().finally(() => (this.running = undefined));
    this.running = run;
    return run;
  }

  /** Stops a running backup between two records (its session at the peer is dropped) and waits for it. */
  async stop(): Promise<void> {
    this.stopping.abort(new BackupError(503, "shutting_down", "the manager is shutting down"));
    await this.running;
  }

  private async run(): Promise<LastBackup> {
    const { options } = this;
    const startedAt = new Date().toISOString();
    const base = join(options.managerDataDir, "backup-source");
    const workDir = join(base, "work");
    let session: string | undefined;
    let result: LastBackup;
    try {
      if (options.serverDataDir === undefined)
        throw new BackupError(
          500,
          "no_server_data_dir",
          "the server's config cannot be read, so neither can its data",
        );
      await rm(workDir, { recursive: true, force: true });
      await mkdir(workDir, { recursive: true, mode: 0o700 });
      const done = await runBackupSession({
        caller: options.caller,
        key: options.key,
        config: options.config,
        serverDataDir: options.serverDataDir,
        workDir,
        hashCacheFile: join(base, "image-hashes.json"),
        signal: this.stopping.signal,
        onPhase: (phase, totalBytes) => Object.assign(this.progress, { phase, total_bytes: totalBytes }),
        onBytes: (bytes) => (this.progress.done_bytes += bytes),
        onSession: (id) => (session = id),
      });
      result = { ok: true, started_at: startedAt, finished_at: new Date().toISOString(), ...done };
      options.log.info(result, "backup done");
    } catch (error) {
      const known = error instanceof BackupError ? error : undefined;
      result = {
        ok: false,
        started_at: startedAt,
        finished_at: new Date().toISOString(),
        snapshot: null,
        databases: [],
        images_sent: 0,
        images_skipped: 0,
        images_removed: 0,
        bytes_sent: this.progress.done_bytes,
        error: { code: known?.code ?? "backup_failed", message: (error as Error).message },
      };
      options.log.error({ err: error }, "backup failed");
      if (session !== undefined)
        await callPeer(options.caller, "DELETE", `${SESSIONS_PATH}/${session}`).catch(() => undefined);
    } finally {
      // A backup never rejects: the route that starts one does not wait for it.
      await rm(workDir, { recursive: true, force: true }).catch(() => undefined);
    }
    this.last = result;
    return result;
  }
}
