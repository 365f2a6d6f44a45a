import type { ManagerMethod } from "../api/manager-request.js";
import type { ManagerCaller } from "../remotes/manager-caller.js";
import { BackupError } from "./backup-error.js";

/** One request to the backup peer: its JSON answer, or a `BackupError` carrying the peer's error. */
export async function callPeer<T>(
  caller: ManagerCaller,
  method: ManagerMethod,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await caller({ method, path, body });
  if (response.status >= 200 && response.status < 300) return response.body as T;
  const error = (response.body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  throw new BackupError(
    response.status,
    typeof error?.code === "string" ? error.code : "peer_error",
    `the backup peer answered ${method} ${path.replace(/\/[0-9a-f-]{36}\//, "/…/")} with ${response.status}` +
      (typeof error?.message === "string" ? `: ${error.message}` : ""),
  );
}
