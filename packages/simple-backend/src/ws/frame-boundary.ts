import type { Logger } from "../logger.js";
import { countInternalError } from "../metrics/internal-errors.js";
import type { Metrics } from "../metrics/metrics.js";
import type { Connection, WebSocketHandlers } from "./websocket-endpoint.js";

/** Close code for a connection whose own error reply failed (RFC 6455 "internal error"). */
const INTERNAL_ERROR_CLOSE = 1011;

/**
 * The one boundary of every WebSocket callback: whatever a handler throws (or its promise rejects with)
 * is logged, counted in `venus_internal_errors_total{where="ws"}` and answered through `onFrameError`
 * for that connection alone; it never reaches the process.
 */
export function guardFrames<State>(
  handlers: WebSocketHandlers<State>,
  options: { log: Logger; metrics: Metrics; path: string },
): WebSocketHandlers<State> {
  const failed = (connection: Connection<State>, error: unknown, during: string) => {
    options.log.error(
      { err: error, path: options.path, connection: connection.id, during },
      "WebSocket handler failed",
    );
    countInternalError(options.metrics, "ws");
    if (during === "close") return;
    try {
      handlers.onFrameError(connection, error);
    } catch (replyError) {
      options.log.error({ err: replyError, connection: connection.id }, "WebSocket error reply failed");
      connection.close(INTERNAL_ERROR_CLOSE, "internal_error");
    }
  };
  const guard =
    <A extends unknown[]>(during: string, run: (connection: Connection<State>, ...args: A) => unknown) =>
    (connection: Connection<State>, ...args: A): void => {
      try {
        const result = run(connection, ...args);
        if (result instanceof Promise) result.catch((error: unknown) => failed(connection, error, during));
      } catch (error) {
        failed(connection, error, during);
      }
    };
  return {
    initialState: handlers.initialState,
    onOpen: guard("open", handlers.onOpen),
    onFrame: guard("frame", handlers.onFrame),
    onClose: guard("close", handlers.onClose),
    onFrameError: handlers.onFrameError,
  };
}
