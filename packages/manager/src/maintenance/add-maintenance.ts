import type { MaintenanceTaskName, ManagerConfig, ManagerEventFrame } from "@venus/model";
import type { Logger } from "@venus/simple-backend";
import type { ManagerRouter } from "../api/manager-router.js";
import { addMaintenanceRoutes } from "../routes/maintenance-routes.js";
import { addSystemCommandRoutes } from "../routes/system-routes.js";
import type { ServerSupervisor } from "../server-supervisor.js";
import type { ServerLinks } from "../socket/server-links.js";
import { MaintenanceScheduler, type TaskOutcome } from "./maintenance-scheduler.js";
import { MaintenanceStore } from "./maintenance-store.js";
import { describeFailure, runSystemCommand } from "./system-command.js";

export interface MaintenanceDeps {
  config: ManagerConfig;
  supervisor: Pick<ServerSupervisor, "restart">;
  serverLinks: ServerLinks;
  log: Logger;
}

/** What a task does at its start. A reboot is checked against the config again: it may have changed. */
function runTask(deps: MaintenanceDeps) {
  const { system } = deps.config;
  return async (task: MaintenanceTaskName): Promise<TaskOutcome> => {
    if (task === "restart_server")
      return deps.supervisor.restart().then(
        () => ({ error: undefined, goingDown: false }),
        (error: unknown) => ({ error: `the restart failed: ${(error as Error).message}`, goingDown: false }),
      );
    if (!system.allow_reboot) return { error: "not allowed: system.allow_reboot is false", goingDown: false };
    const result = await runSystemCommand(system.reboot_command, "reboot", deps.log);
    return result.ok
      ? { error: undefined, goingDown: true }
      : { error: describeFailure("reboot", result), goingDown: false };
  };
}

/**
 * Scheduled maintenance and the system commands: the routes, the scheduler (kept in data_dir), and
 * its `maintenance` events to the server, sent again to a server that (re)connects. `start()` once
 * the server runs; `stop()` first thing at shutdown, so no task starts a server that is stopping.
 */
export function addMaintenance(
  router: ManagerRouter,
  deps: MaintenanceDeps,
): { start(): void; stop(): void } {
  const { config, serverLinks, log } = deps;
  const scheduler = new MaintenanceScheduler({
    windowUtc: config.maintenance.window_utc,
    noticeMinutes: config.maintenance.notice_minutes,
    store: new MaintenanceStore(config.data_dir, log),
    run: runTask(deps),
    notify: (notice) => serverLinks.broadcast("maintenance", notice),
    log,
  });
  serverLinks.onConnect((link) =>
    link.send({
      type: "event",
      name: "maintenance",
      data: scheduler.currentNotice(),
    } satisfies ManagerEventFrame),
  );
  addMaintenanceRoutes(router, scheduler, config);
  addSystemCommandRoutes(router, config.system, log);
  return { start: () => scheduler.start(), stop: () => scheduler.stop() };
}
