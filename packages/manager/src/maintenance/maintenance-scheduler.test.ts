import type { MaintenanceNotice, MaintenanceTaskName, ScheduledMaintenance } from "@venus/model";
import { createLogger } from "@venus/simple-backend";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { MaintenanceScheduler, type TaskOutcome } from "./maintenance-scheduler.js";
import { MISSED_GRACE_MS } from "./maintenance-window.js";

const MINUTE = 60_000;
const NOW = Date.parse("2026-03-10T03:00:00Z");
const iso = (ms: number) => new Date(ms).toISOString();

function setUp(options: { kept?: ScheduledMaintenance; outcome?: TaskOutcome } = {}) {
  let kept = options.kept;
  const notices: MaintenanceNotice[] = [];
  const runs: MaintenanceTaskName[] = [];
  const scheduler = new MaintenanceScheduler({
    windowUtc: "04:00",
    noticeMinutes: 5,
    store: { load: () => kept, save: (task) => (kept = task) },
    run: async (task) => {
      runs.push(task);
      return options.outcome ?? { error: undefined, goingDown: false };
    },
    notify: (notice) => notices.push(notice),
    log: createLogger("silent", "test"),
  });
  scheduler.start();
  return { scheduler, notices, runs, kept: () => kept };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

describe("MaintenanceScheduler", () => {
  test("tells the server notice_minutes before the window, runs at its start, then says it is over", async () => {
    const { scheduler, notices, runs, kept } = setUp();
    const task = scheduler.schedule({ task: "restart_server", notify_server: true });
    const start = "2026-03-10T04:00:00.000Z";
    expect(task).toMatchObject({ start, notice_at: "2026-03-10T03:55:00.000Z", scheduled_at: iso(NOW) });
    expect(kept()).toEqual(task);
    expect(scheduler.currentNotice()).toEqual({ start: null });

    await vi.advanceTimersByTimeAsync(55 * MINUTE - 1);
    expect(notices).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(notices).toEqual([{ start, task: "restart_server" }]);
    expect(scheduler.currentNotice()).toEqual({ start, task: "restart_server" });

    await vi.advanceTimersByTimeAsync(5 * MINUTE - 1);
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toEqual(["restart_server"]);
    expect(notices).toEqual([{ start, task: "restart_server" }, { start: null }]);
    expect(kept()).toBeUndefined();
    expect(scheduler.status()).toMatchObject({
      scheduled: null,
      last_run: { task: "restart_server", start, ok: true, error: null },
    });
  });

  test("notifies at once when the start is nearer than the notice, and skips a too-near window", async () => {
    vi.setSystemTime(Date.parse("2026-03-10T03:58:00Z"));
    const { scheduler, notices } = setUp();
    const at = "2026-03-10T03:59:00.000Z";
    expect(scheduler.schedule({ task: "restart_server", notify_server: true, at })).toMatchObject({
      start: at,
      notice_at: "2026-03-10T03:58:00.000Z",
    });
    expect(notices).toEqual([{ start: at, task: "restart_server" }]);
    scheduler.cancel();
    expect(scheduler.schedule({ task: "restart_server", notify_server: true })).toMatchObject({
      start: "2026-03-11T04:00:00.000Z",
    });
    scheduler.cancel();
    expect(scheduler.schedule({ task: "restart_server", notify_server: false })).toMatchObject({
      start: "2026-03-10T04:00:00.000Z",
      notice_at: null,
    });
  });

  test("one task at a time; a start in the past is refused", () => {
    const { scheduler } = setUp();
    expect(scheduler.schedule({ task: "restart_server", notify_server: false, at: iso(NOW) })).toBe(
      "in_past",
    );
    scheduler.schedule({ task: "restart_server", notify_server: false });
    expect(scheduler.schedule({ task: "reboot_system", notify_server: false })).toBe("already_scheduled");
  });

  test("a cancelled task never runs, and the server hears that it is off", async () => {
    const { scheduler, notices, runs, kept } = setUp();
    scheduler.schedule({ task: "reboot_system", notify_server: true, at: iso(NOW + MINUTE) });
    expect(notices).toHaveLength(1);
    expect(scheduler.cancel()).toMatchObject({ task: "reboot_system" });
    expect(scheduler.cancel()).toBeUndefined();
    expect(notices.at(-1)).toEqual({ start: null });
    expect(kept()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    expect(runs).toEqual([]);
  });

  test("a reboot that takes the machine down leaves the notice standing; a failed one ends it", async () => {
    const down = setUp({ outcome: { error: undefined, goingDown: true } });
    down.scheduler.schedule({ task: "reboot_system", notify_server: true, at: iso(NOW + MINUTE) });
    await vi.advanceTimersByTimeAsync(MINUTE);
    expect(down.runs).toEqual(["reboot_system"]);
    expect(down.notices).toHaveLength(1);
    down.scheduler.stop();

    const failed = setUp({ outcome: { error: "the reboot command exited with code 1", goingDown: false } });
    failed.scheduler.schedule({ task: "reboot_system", notify_server: true, at: iso(Date.now() + MINUTE) });
    await vi.advanceTimersByTimeAsync(MINUTE);
    expect(failed.notices.at(-1)).toEqual({ start: null });
    expect(failed.scheduler.status().last_run).toMatchObject({
      ok: false,
      error: "the reboot command exited with code 1",
    });
  });

  test("waits beyond setTimeout's longest delay", async () => {
    const { scheduler, runs } = setUp();
    const start = NOW + 40 * 24 * 60 * MINUTE;
    scheduler.schedule({ task: "restart_server", notify_server: false, at: iso(start) });
    await vi.advanceTimersByTimeAsync(start - NOW - 1);
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toEqual(["restart_server"]);
  });

  test("takes up a kept task at start, with its notice already due", async () => {
    const kept: ScheduledMaintenance = {
      task: "restart_server",
      start: iso(NOW + 2 * MINUTE),
      notify_server: true,
      notice_at: iso(NOW - 3 * MINUTE),
      scheduled_at: iso(NOW - 60 * MINUTE),
    };
    const { notices, runs } = setUp({ kept });
    expect(notices).toEqual([{ start: kept.start, task: "restart_server" }]);
    await vi.advanceTimersByTimeAsync(2 * MINUTE);
    expect(runs).toEqual(["restart_server"]);
  });

  test("a kept reboot that was missed by more than the grace is dropped; within it, it runs", async () => {
    const reboot = (start: number): ScheduledMaintenance => ({
      task: "reboot_system",
      start: iso(start),
      notify_server: false,
      notice_at: null,
      scheduled_at: iso(start - 60 * MINUTE),
    });
    const missed = setUp({ kept: reboot(NOW - MISSED_GRACE_MS - 1) });
    await vi.advanceTimersByTimeAsync(0);
    expect(missed.runs).toEqual([]);
    expect(missed.kept()).toBeUndefined();
    expect(missed.scheduler.status().last_run).toMatchObject({
      ok: false,
      error: expect.stringContaining("missed"),
    });

    const late = setUp({ kept: reboot(NOW - MINUTE) });
    await vi.advanceTimersByTimeAsync(0);
    expect(late.runs).toEqual(["reboot_system"]);
  });

  test("a kept server restart whose start passed is done: the server started afresh", async () => {
    const { runs, kept, scheduler } = setUp({
      kept: {
        task: "restart_server",
        start: iso(NOW - MINUTE),
        notify_server: false,
        notice_at: null,
        scheduled_at: iso(NOW - 60 * MINUTE),
      },
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toEqual([]);
    expect(kept()).toBeUndefined();
    expect(scheduler.status().last_run).toMatchObject({ ok: true });
  });
});
