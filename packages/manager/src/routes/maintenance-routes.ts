import { ScheduleMaintenanceRequest, type ManagerConfig } from "@venus/model";
import { compileValidator, formatIssues } from "@venus/simple-backend";
import { managerError, ok } from "../api/manager-request.js";
import type { ManagerRouter } from "../api/manager-router.js";
import type { MaintenanceScheduler } from "../maintenance/maintenance-scheduler.js";
import { notAllowed } from "./system-routes.js";

const checkSchedule = compileValidator(ScheduleMaintenanceRequest);

/** `/manager/maintenance`: the scheduled task (GET), scheduling one (POST), cancelling it (DELETE). */
export function addMaintenanceRoutes(
  router: ManagerRouter,
  scheduler: MaintenanceScheduler,
  config: Pick<ManagerConfig, "server" | "system">,
): void {
  router.add("GET", "/manager/maintenance", () => ok(scheduler.status()));
  router.add("POST", "/manager/maintenance", (request) => {
    const parsed = checkSchedule(request.body);
    if (!parsed.ok) return managerError(400, "invalid_request", formatIssues(parsed.issues));
    const { task } = parsed.value;
    if (task === "reboot_system" && !config.system.allow_reboot) return notAllowed("reboot");
    if (task === "restart_server" && config.server.control === "none")
      return managerError(
        409,
        "server_not_supervised",
        'this manager runs no server (server.control = "none")',
      );
    const scheduled = scheduler.schedule(parsed.value);
    if (scheduled === "already_scheduled")
      return managerError(
        409,
        "maintenance_already_scheduled",
        "a maintenance task is already scheduled; cancel it first (DELETE /manager/maintenance)",
      );
    if (scheduled === "in_past") return managerError(400, "at_in_past", "`at` must be a time in the future");
    return ok(scheduler.status());
  });
  router.add("DELETE", "/manager/maintenance", () =>
    scheduler.cancel() === undefined
      ? managerError(404, "no_maintenance_scheduled", "no maintenance task is scheduled")
      : ok(scheduler.status()),
  );
}
