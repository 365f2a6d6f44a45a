import type { ClientVersionVerdict } from "@venus/data-account";
import { CLOSE_CODES, type ErrorFrame, type WsErrorCode } from "@venus/model";
import type { Connection } from "@venus/simple-backend";

/** Sends an error frame and closes the connection with `closeCode`. */
export function fail(
  connection: Connection<unknown>,
  code: WsErrorCode,
  message: string,
  closeCode: number,
  details?: ErrorFrame["details"],
): void {
  const frame: ErrorFrame = { type: "error", code, message, ...(details ? { details } : {}) };
  connection.send(frame);
  connection.close(closeCode, code);
}

/** Refuses a hello whose client version is not one or too old; true when it did. */
export function refuseClientVersion(connection: Connection<unknown>, version: ClientVersionVerdict): boolean {
  if (version.verdict === "invalid") {
    fail(
      connection,
      "invalid_client_version",
      "client.version must be a semantic version such as 1.4.0",
      CLOSE_CODES.protocolError,
    );
    return true;
  }
  if (version.verdict === "update_required") {
    fail(
      connection,
      "client_update_required",
      `this app is too old; version ${version.min_version} or newer is needed`,
      CLOSE_CODES.clientUpdateRequired,
      { min_version: version.min_version },
    );
    return true;
  }
  return false;
}
