import type { ManagerConfig } from "@venus/model";
import type { Logger } from "@venus/simple-backend";
import { managerError, ok, type ManagerResponse } from "../api/manager-request.js";
import type { ManagerRouter } from "../api/manager-router.js";
import { describeFailure, runSystemCommand } from "../maintenance/system-command.js";
import type { SystemInfo } from "../system-info.js";

/** `/manager/system_info`. */
export function addSystemRoutes(router: ManagerRouter, systemInfo: () => Promise<SystemInfo>): void {
  router.add("GET", "/manager/system_info", async () => ok(await systemInfo()));
}

/** The answer when the config does not allow rebooting or shutting down the machine. */
export function notAllowed(what: "reboot" | "shutdown"): ManagerResponse {
  return managerError(403, "not_allowed", `this manager may not ${what} the machine (system.allow_${what})`);
}

/** `POST /manager/system/reboot` and `/manager/system/shutdown`: run the configured command now, if allowed. */
export function addSystemCommandRoutes(
  router: ManagerRouter,
  system: ManagerConfig["system"],
  log: Logger,
): void {
  const commands = {
    reboot: { allowed: system.allow_reboot, command: system.reboot_command },
    shutdown: { allowed: system.allow_shutdown, command: system.shutdown_command },
  };
  for (const [what, { allowed, command }] of Object.entries(commands) as [
    keyof typeof commands,
    (typeof commands)[keyof typeof commands],
  ][])
    router.add("POST", `/manager/system/${what}`, async () => {
      if (!allowed) return notAllowed(what);
      const result = await runSystemCommand(command, what, log);
      return result.ok ? ok(result) : managerError(500, "command_failed", describeFailure(what, result));
    });
}
