import type { ManagerConfig } from "@venus/model";

/** What keeps the manager from starting with this `[backup]` section, or undefined when it is fine. */
export function backupConfigProblem(config: ManagerConfig): string | undefined {
  const { backup } = config;
  if ((backup.peer !== "" || backup.accept) && backup.key === "")
    return "backup.key is required when backup.peer or backup.accept is set: 64 hex digits (`openssl rand -hex 32`), the same on the source and its peer";
  if (backup.peer !== "" && !config.remotes.some((remote) => remote.name === backup.peer))
    return `backup.peer is "${backup.peer}", but no [[remotes]] entry has that name`;
  if (backup.daily_time_utc !== "" && backup.peer === "")
    return "backup.daily_time_utc is set but backup.peer is empty: there is nobody to send the daily backup to";
  return undefined;
}
