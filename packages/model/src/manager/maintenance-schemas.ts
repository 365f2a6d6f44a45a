import { Type, type Static } from "@sinclair/typebox";

/** What a maintenance task does at its start: restart the server, or reboot the machine. */
export const MAINTENANCE_TASKS = ["restart_server", "reboot_system"] as const;
export const MaintenanceTaskName = Type.Union(MAINTENANCE_TASKS.map((task) => Type.Literal(task)));
export type MaintenanceTaskName = Static<typeof MaintenanceTaskName>;

const Time = Type.String({ format: "date-time", description: "ISO 8601, UTC." });

/**
 * The `maintenance` event, from the manager to its server and from the server to every client: a
 * task starts at `start`; `start: null` says no maintenance is coming any more (cancelled, or done).
 */
export const MaintenanceNotice = Type.Union([
  Type.Object({ start: Time, task: MaintenanceTaskName }, { additionalProperties: false }),
  Type.Object({ start: Type.Null() }, { additionalProperties: false }),
]);
export type MaintenanceNotice = Static<typeof MaintenanceNotice>;

/** `POST /manager/maintenance`: the next maintenance window unless `at` names the start. */
export const ScheduleMaintenanceRequest = Type.Object(
  {
    task: MaintenanceTaskName,
    notify_server: Type.Boolean(),
    at: Type.Optional(Time),
  },
  { additionalProperties: false },
);
export type ScheduleMaintenanceRequest = Static<typeof ScheduleMaintenanceRequest>;

/** The one scheduled task, as the manager keeps it (also its file in the manager's data_dir). */
export const ScheduledMaintenance = Type.Object(
  {
    task: MaintenanceTaskName,
    start: Time,
    notify_server: Type.Boolean(),
    /** When the server is told (`start` minus `maintenance.notice_minutes`, not before scheduling). */
    notice_at: Type.Union([Time, Type.Null()]),
    scheduled_at: Time,
  },
  { additionalProperties: false },
);
export type ScheduledMaintenance = Static<typeof ScheduledMaintenance>;

/** How the last task that came due went; `error` says why it failed or was skipped. */
export const MaintenanceRun = Type.Object({
  task: MaintenanceTaskName,
  start: Time,
  finished_at: Time,
  ok: Type.Boolean(),
  error: Type.Union([Type.String(), Type.Null()]),
});
export type MaintenanceRun = Static<typeof MaintenanceRun>;

/** `GET /manager/maintenance`. */
export const MaintenanceStatus = Type.Object({
  scheduled: Type.Union([ScheduledMaintenance, Type.Null()]),
  /** The next window; a task with notify_server skips one nearer than `notice_minutes`. */
  next_window: Time,
  window_utc: Type.String(),
  notice_minutes: Type.Number(),
  last_run: Type.Union([MaintenanceRun, Type.Null()]),
});
export type MaintenanceStatus = Static<typeof MaintenanceStatus>;

/** What a system command (reboot, shutdown) did. */
export const SystemCommandResult = Type.Object({
  command: Type.Array(Type.String()),
  ok: Type.Boolean(),
  exit_code: Type.Union([Type.Integer(), Type.Null()]),
  signal: Type.Union([Type.String(), Type.Null()]),
  /** The end of what it printed (stdout and stderr), or why it could not run. */
  output: Type.String(),
});
export type SystemCommandResult = Static<typeof SystemCommandResult>;
