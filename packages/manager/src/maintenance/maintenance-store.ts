import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { ScheduledMaintenance } from "@venus/model";
import { compileValidator, formatIssues, type Logger } from "@venus/simple-backend";

const checkTask = compileValidator(ScheduledMaintenance);

/** Where the scheduled task is kept, in the manager's data_dir. */
export const MAINTENANCE_FILE = "maintenance.json";

/**
 * The scheduled maintenance task on disk, so a manager restart keeps it. Writes go to a temporary
 * file that is synced and renamed over the old one: a crash leaves the old task or the new, never half.
 */
export class MaintenanceStore {
  private readonly file: string;

  constructor(
    dataDir: string,
    private readonly log: Logger,
  ) {
    this.file = join(dataDir, MAINTENANCE_FILE);
  }

  /** The kept task; undefined when there is none, or when the file cannot be used (logged). */
  load(): ScheduledMaintenance | undefined {
    let text: string;
    try {
      text = readFileSync(this.file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
    const task = checkTask(value);
    if (task.ok) return task.value;
    this.log.error(
      { file: this.file, problems: formatIssues(task.issues) },
      "the kept maintenance task is unreadable; it is ignored",
    );
    return undefined;
  }

  save(task: ScheduledMaintenance | undefined): void {
    if (task === undefined) rmSync(this.file, { force: true });
    else {
      const temporary = `${this.file}.tmp`;
      const fd = openSync(temporary, "w", 0o600);
      try {
        writeSync(fd, `${JSON.stringify(task, null, 2)}\n`);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temporary, this.file);
    }
    const directory = openSync(dirname(this.file), "r");
    try {
      fsyncSync(directory);
    } finally {
      closeSync(directory);
    }
  }
}
