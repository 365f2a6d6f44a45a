import { managerError, ok } from "../api/manager-request.js";
import type { ManagerRouter } from "../api/manager-router.js";
import type { BackupSource } from "./backup-source.js";

export const BACKUP_PATH = "/manager/backup";

const notConfigured = () =>
  managerError(409, "backup_not_configured", "this manager has no backup peer (backup.peer)");

/** `POST /manager/backup` starts a backup now; `GET /manager/backup` is its progress and last result. */
export function addSourceRoutes(router: ManagerRouter, source: BackupSource | undefined): void {
  router.add("GET", BACKUP_PATH, () => (source === undefined ? notConfigured() : ok(source.status())));
  router.add("POST", BACKUP_PATH, () => {
    if (source === undefined) return notConfigured();
    if (source.start() === undefined)
      return managerError(
        409,
        "backup_running",
        "a backup is running; GET /manager/backup shows its progress",
      );
    return { status: 202, body: source.status() };
  });
}
