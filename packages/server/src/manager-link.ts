import type { MaintenanceNotices } from "@venus/api";
import { ManagerSocket } from "@venus/manager";
import { MaintenanceNotice, type VenusConfig } from "@venus/model";
import { compileValidator, formatIssues, type Logger } from "@venus/simple-backend";

/** Under the manager's idle limit (120 s): two unanswered pings drop the socket within 30 s. */
const KEEPALIVE_MS = 15_000;
const RECONNECT_BASE_MS = 500;
const RECONNECT_MAX_MS = 10_000;
/** An admin call waits this long for the manager (a restart through it ends this server's link first). */
const REQUEST_TIMEOUT_MS = 60_000;

const checkNotice = compileValidator(MaintenanceNotice);

/**
 * The server's socket to its local manager (role `server`): it receives the manager's `maintenance`
 * events for the clients, and carries `/admin/manager/…`. Undefined when `local_manager.url` is
 * empty. Start it once the server listens; it dials again by itself whenever it is lost.
 */
export function managerLink(
  config: VenusConfig["local_manager"],
  notices: MaintenanceNotices,
  log: Logger,
): ManagerSocket | undefined {
  if (config.url === "") return undefined;
  return new ManagerSocket({
    url: config.url,
    apiKey: config.api_key,
    role: "server",
    keepaliveMs: KEEPALIVE_MS,
    reconnectBaseMs: RECONNECT_BASE_MS,
    reconnectMaxMs: RECONNECT_MAX_MS,
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
    log,
    onEvent: (name, data) => {
      if (name !== "maintenance") return log.debug({ name }, "ignoring an unknown event from the manager");
      const notice = checkNotice(data);
      if (!notice.ok)
        return log.warn({ problems: formatIssues(notice.issues) }, "ignoring a malformed maintenance event");
      log.info({ notice: notice.value }, "maintenance notice from the manager");
      notices.set(notice.value);
    },
  });
}
