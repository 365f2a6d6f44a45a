import type { MaintenanceTaskName } from "@venus/model";
import { nextDailyRun, parseTimeOfDay } from "@venus/simple-backend";

/** A task whose start passed while the manager was not running still runs if it is at most this late. */
export const MISSED_GRACE_MS = 15 * 60_000;
/** The longest delay setTimeout takes; a later start is reached in several waits. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The first daily window (`HH:MM` UTC) after `now + leadMs`: a task that notifies the server skips a
 * window nearer than its notice, so clients always get the whole notice.
 */
export function nextWindow(now: number, windowUtc: string, leadMs = 0): number {
  return nextDailyRun(now + leadMs, parseTimeOfDay(windowUtc));
}

/** When the server is told of a task starting at `start`: `noticeMs` before, but not before it was scheduled. */
export function noticeTime(start: number, noticeMs: number, scheduledAt: number): number {
  return Math.max(start - noticeMs, scheduledAt);
}

/** When the scheduler next has something to do: the notice while it is still to send, else the start. */
export function nextWake(start: number, noticeAt: number | undefined, noticeSent: boolean): number {
  return noticeAt === undefined || noticeSent ? start : Math.min(noticeAt, start);
}

/**
 * What becomes, when the manager starts, of a kept task whose start has passed: a server restart is
 * done (the server starts afresh with the manager); a reboot runs late within MISSED_GRACE_MS, and
 * is skipped after that rather than surprise everyone outside the window. Undefined: not yet due.
 */
export function overdueOutcome(
  task: MaintenanceTaskName,
  start: number,
  now: number,
): "done" | "run" | "missed" | undefined {
  if (start > now) return undefined;
  if (task === "restart_server") return "done";
  return now - start <= MISSED_GRACE_MS ? "run" : "missed";
}
