import type { ManagerConfig } from "@venus/model";
import { DailySchedule, parseTimeOfDay, type Logger } from "@venus/simple-backend";
import type { ManagerRouter } from "../api/manager-router.js";
import type { Remotes } from "../remotes/remotes.js";
import { BackupPeer } from "./backup-peer.js";
import { BackupSource } from "./backup-source.js";
import { parseBackupKey } from "./chunk-cipher.js";
import { addPeerRoutes } from "./peer-routes.js";
import { addSourceRoutes } from "./source-routes.js";

export interface BackupsOptions {
  router: ManagerRouter;
  config: ManagerConfig;
  remotes: Remotes;
  /** The server's data directory, undefined when its config cannot be read. */
  serverDataDir: string | undefined;
  log: Logger;
}

/**
 * Backups as `[backup]` asks (checked at start-up by `backupConfigProblem`): the source side with its
 * routes and daily schedule when `peer` is set, the peer side when `accept` is. Resolves with the stop.
 */
export async function startBackups(options: BackupsOptions): Promise<{ stop(): Promise<void> }> {
  const { config, log } = options;
  const backup = config.backup;
  const key = backup.key === "" ? undefined : parseBackupKey(backup.key);
  const caller = options.remotes.caller(backup.peer);
  const source =
    key !== undefined && caller !== undefined
      ? new BackupSource({
          caller,
          key,
          config: backup,
          serverDataDir: options.serverDataDir,
          managerDataDir: config.data_dir,
          log,
        })
      : undefined;
  const peer =
    key !== undefined && backup.accept
      ? new BackupPeer({
          dataDir: config.data_dir,
          key,
          chunkBytes: backup.chunk_bytes,
          keepDays: backup.keep_days,
          sessionTimeoutMs: backup.session_timeout_seconds * 1000,
          log,
        })
      : undefined;
  await peer?.start();
  addSourceRoutes(options.router, source);
  addPeerRoutes(options.router, peer, backup.max_snapshot_files);
  const daily =
    source !== undefined && backup.daily_time_utc !== ""
      ? new DailySchedule(
          parseTimeOfDay(backup.daily_time_utc),
          async () => {
            const run = source.start();
            if (run === undefined) log.warn("the daily backup is skipped: a backup is running");
            else await run;
          },
          log,
        )
      : undefined;
  daily?.start();
  return {
    stop: async () => {
      await source?.stop();
      await daily?.stop();
      await peer?.stop();
    },
  };
}
