import { managerError, ok } from "../api/manager-request.js";
import type { ManagerRouter } from "../api/manager-router.js";
import type { ServerLinks } from "../socket/server-links.js";
import type { ServerSupervisor } from "../server-supervisor.js";

/** Lines `GET /manager/logs` returns without `?lines=`. */
export const DEFAULT_LOG_LINES = 100;

/** `/manager/server` (status), `/manager/server/restart` and `/manager/logs`. */
export function addServerRoutes(
  router: ManagerRouter,
  supervisor: ServerSupervisor,
  /** Lines kept of the server's output: the most `GET /manager/logs` returns. */
  logLines: number,
  serverLinks: ServerLinks,
): void {
  router.add("GET", "/manager/server", () => ok({ ...supervisor.status(), link: serverLinks.status() }));
  router.add("POST", "/manager/server/restart", async () => {
    await supervisor.restart();
    return ok(supervisor.status());
  });
  router.add("GET", "/manager/logs", async (request) => {
    const raw = request.query.get("lines");
    const count = raw === null ? DEFAULT_LOG_LINES : Number(raw);
    if (!Number.isInteger(count) || count < 1 || count > logLines)
      return managerError(
        400,
        "invalid_request",
        `lines must be a whole number from 1 to ${logLines} (server.log_lines)`,
      );
    const lines = (await supervisor.logs(count)).map((line) => ({
      time: new Date(line.time).toISOString(),
      stream: line.stream,
      text: line.text,
    }));
    return ok({ lines });
  });
}
