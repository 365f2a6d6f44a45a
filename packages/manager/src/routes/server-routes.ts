import { managerError, ok, type ManagerResponse } from "../api/manager-request.js";
import { ServerControlError } from "../control/systemd-server.js";
import { NotSupervisedError } from "../control/unsupervised-server.js";
import type { ManagerRouter } from "../api/manager-router.js";
import type { ServerLinks } from "../socket/server-links.js";
import type { ServerSupervisor } from "../server-supervisor.js";

/** Lines `GET /manager/logs` returns without `?lines=`. */
export const DEFAULT_LOG_LINES = 100;

/** Runs a call on the server's control; its known failures become clear answers. */
async function controlled(call: () => Promise<ManagerResponse>): Promise<ManagerResponse> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof NotSupervisedError) return managerError(409, "server_not_supervised", error.message);
    if (error instanceof ServerControlError) return managerError(502, "server_control_failed", error.message);
    throw error;
  }
}

/** `/manager/server` (status), `/manager/server/restart` and `/manager/logs`. */
export function addServerRoutes(
  router: ManagerRouter,
  supervisor: ServerSupervisor,
  /** Lines kept of the server's output: the most `GET /manager/logs` returns. */
  logLines: number,
  serverLinks: ServerLinks,
): void {
  router.add("GET", "/manager/server", () =>
    controlled(async () => ok({ ...(await supervisor.status()), link: serverLinks.status() })),
  );
  router.add("POST", "/manager/server/restart", () =>
    controlled(async () => {
      await supervisor.restart();
      return ok(await supervisor.status());
    }),
  );
  router.add("GET", "/manager/logs", async (request) => {
    const raw = request.query.get("lines");
    const count = raw === null ? DEFAULT_LOG_LINES : Number(raw);
    if (!Number.isInteger(count) || count < 1 || count > logLines)
      return managerError(
        400,
        "invalid_request",
        `lines must be a whole number from 1 to ${logLines} (server.log_lines)`,
      );
    return controlled(async () => {
      const lines = (await supervisor.logs(count)).map((line) => ({
        time: new Date(line.time).toISOString(),
        stream: line.stream,
        text: line.text,
      }));
      return ok({ lines });
    });
  });
}
