import type {
  MaintenanceNotice,
  MaintenanceRun,
  MaintenanceStatus,
  MaintenanceTaskName,
  ScheduleMaintenanceRequest,
  ScheduledMaintenance,
} from "@venus/model";
import type { Logger } from "@venus/simple-backend";
import { MAX_TIMER_MS, nextWake, nextWindow, noticeTime, overdueOutcome } from "./maintenance-window.js";

/** How a task went; `goingDown`: the machine is shutting down, and the server's notice goes with it. */
export interface TaskOutcome {
  error: string | undefined;
  goingDown: boolean;
}

export interface MaintenanceSchedulerOptions {
  windowUtc: string;
  noticeMinutes: number;
  store: { load(): ScheduledMaintenance | undefined; save(task: ScheduledMaintenance | undefined): void };
  /** Runs a task at its start; never throws. */
  run: (task: MaintenanceTaskName) => Promise<TaskOutcome>;
  /** Sends the server a `maintenance` event. */
  notify: (notice: MaintenanceNotice) => void;
  log: Logger;
}

const NO_NOTICE: MaintenanceNotice = { start: null };
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * One scheduled maintenance task at a time: kept on disk, announced to the server `notice_minutes`
 * before its start when it asks to be, and run at its start.
 */
export class MaintenanceScheduler {
  private task: ScheduledMaintenance | undefined;
  private noticeSent = false;
  private lastRun: MaintenanceRun | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private readonly noticeMs: number;

  constructor(private readonly options: MaintenanceSchedulerOptions) {
    this.noticeMs = options.noticeMinutes * 60_000;
  }

  /** Takes up the kept task (once the server runs: a due restart must find it started). */
  start(): void {
    this.stopped = false;
    const kept = this.options.store.load();
    const outcome = kept && overdueOutcome(kept.task, Date.parse(kept.start), Date.now());
    if (kept && (outcome === "done" || outcome === "missed")) {
      this.options.store.save(undefined);
      const error = outcome === "done" ? null : "missed: the manager was not running at its start";
      this.record(kept, error);
      this.options.log.warn(
        { task: kept },
        error ?? "the kept server restart is done: the server started afresh with the manager",
      );
    } else this.task = kept;
    this.tick();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  status(): MaintenanceStatus {
    return {
      scheduled: this.task ?? null,
      next_window: iso(nextWindow(Date.now(), this.options.windowUtc)),
      window_utc: this.options.windowUtc,
      notice_minutes: this.options.noticeMinutes,
      last_run: this.lastRun ?? null,
    };
  }

  /** What the server should show now: sent again to a server that (re)connects. */
  currentNotice(): MaintenanceNotice {
    return this.task && this.noticeSent ? { start: this.task.start, task: this.task.task } : NO_NOTICE;
  }

  schedule(request: ScheduleMaintenanceRequest): ScheduledMaintenance | "already_scheduled" | "in_past" {
    if (this.task) return "already_scheduled";
    const now = Date.now();
    const lead = request.notify_server ? this.noticeMs : 0;
    const start =
      request.at === undefined ? nextWindow(now, this.options.windowUtc, lead) : Date.parse(request.at);
    if (start <= now) return "in_past";
    const task: ScheduledMaintenance = {
      task: request.task,
      start: iso(start),
      notify_server: request.notify_server,
      notice_at: request.notify_server ? iso(noticeTime(start, this.noticeMs, now)) : null,
      scheduled_at: iso(now),
    };
    this.options.store.save(task);
    this.task = task;
    this.noticeSent = false;
    this.options.log.info({ task }, "maintenance scheduled");
    this.tick();
    return task;
  }

  /** Cancels the scheduled task; undefined when there was none. */
  cancel(): ScheduledMaintenance | undefined {
    const task = this.task;
    if (!task) return undefined;
    this.options.store.save(undefined);
    this.clear();
    if (task.notify_server) this.options.notify(NO_NOTICE);
    this.options.log.info({ task }, "maintenance cancelled");
    return task;
  }

  private clear(): void {
    clearTimeout(this.timer);
    this.task = undefined;
    this.noticeSent = false;
  }

  private tick(): void {
    clearTimeout(this.timer);
    const task = this.task;
    if (!task || this.stopped) return;
    const now = Date.now();
    const start = Date.parse(task.start);
    const noticeAt = task.notice_at === null ? undefined : Date.parse(task.notice_at);
    if (noticeAt !== undefined && !this.noticeSent && now >= noticeAt) {
      this.noticeSent = true;
      this.options.notify(this.currentNotice());
    }
    if (now >= start)
      return void this.runTask(task).catch((error: unknown) =>
        this.options.log.error({ err: error, task }, "maintenance task failed"),
      );
    const delay = Math.min(nextWake(start, noticeAt, this.noticeSent) - now, MAX_TIMER_MS);
    this.timer = setTimeout(() => this.tick(), delay);
  }

  private async runTask(task: ScheduledMaintenance): Promise<void> {
    // Forgotten before it runs: a reboot must not find itself on disk and run again.
    this.options.store.save(undefined);
    this.clear();
    this.options.log.info({ task }, "maintenance task starting");
    const outcome = await this.options.run(task.task);
    this.record(task, outcome.error ?? null);
    if (task.notify_server && !outcome.goingDown) this.options.notify(NO_NOTICE);
  }

  private record(task: ScheduledMaintenance, error: string | null): void {
    this.lastRun = {
      task: task.task,
      start: task.start,
      finished_at: iso(Date.now()),
      ok: error === null,
      error,
    };
  }
}
