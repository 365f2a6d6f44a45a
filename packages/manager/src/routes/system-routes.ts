import { ok } from "../api/manager-request.js";
import type { ManagerRouter } from "../api/manager-router.js";
import type { SystemInfo } from "../system-info.js";

/** `/manager/system_info`. */
export function addSystemRoutes(router: ManagerRouter, systemInfo: () => Promise<SystemInfo>): void {
  router.add("GET", "/manager/system_info", async () => ok(await systemInfo()));
}
