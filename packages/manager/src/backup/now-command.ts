import { setTimeout as sleep } from "node:timers/promises";
import { apiUrl } from "../api/api-url.js";
import { loadManagerConfig } from "../run-manager.js";
import type { BackupStatus } from "./backup-source.js";
import { commandExit } from "./command-config.js";
import { ProgressBar } from "./progress-bar.js";
import { BACKUP_PATH } from "./source-routes.js";

const POLL_MS = 250;

export interface NowOptions {
  configFile: string | undefined;
  /** The manager API's base URL and key, instead of those in its config (as `venus manager-api`). */
  url: string | undefined;
  key: string | undefined;
}

/**
 * `venus backup now`: asks the local manager (its API address and key from its config) for a backup,
 * follows its progress and resolves with 0 when it succeeded, 1 with the error when not.
 */
export function runBackupNow(options: NowOptions): Promise<number> {
  return commandExit(async () => {
    const config =
      options.url !== undefined && options.key !== undefined
        ? undefined
        : loadManagerConfig(options.configFile);
    const base = options.url ?? apiUrl(config?.api.host ?? "127.0.0.1", config?.api.port ?? 0);
    const url = `${base.replace(/\/+$/, "")}${BACKUP_PATH}`;
    const key = options.key ?? config?.api.api_key ?? "";
    const call = async (method: "GET" | "POST") => {
      const response = await fetch(url, { method, headers: { authorization: `Bearer ${key}` } }).catch(
        (error: unknown) => {
          throw new Error(`cannot reach the manager API at ${base}: ${(error as Error).message}`);
        },
      );
      const body = (await response.json()) as BackupStatus & { error?: { message: string } };
      if (!response.ok) throw new Error(`${response.status}: ${body.error?.message ?? JSON.stringify(body)}`);
      return body;
    };
    let status = await call("POST");
    const bar = new ProgressBar("backup", status.total_bytes, "bytes");
    while (status.running) {
      bar.update(status.done_bytes, status.total_bytes, status.phase ?? "");
      await sleep(POLL_MS);
      status = await call("GET");
    }
    bar.stop();
    const last = status.last;
    if (last === null) throw new Error("the manager reports no backup");
    if (!last.ok) throw new Error(`the backup failed: ${last.error?.message ?? "unknown error"}`);
    process.stdout.write(
      `backup ${last.snapshot}: ${last.databases.length} databases, ${last.images_sent} images sent, ` +
        `${last.images_skipped} already there, ${last.images_removed} removed, ${last.bytes_sent} bytes\n`,
    );
    return 0;
  });
}
