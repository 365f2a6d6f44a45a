import type { ManagerConfig } from "@venus/model";
import type { Logger } from "@venus/simple-backend";
import { INVALID_API_KEY, type ApiKeyGate } from "../api/api-key-gate.js";
import { managerError, type ManagerHandler } from "../api/manager-request.js";
import { answerRequest } from "../socket/answer-request.js";
import { ManagerSocket } from "../socket/manager-socket.js";

export interface OutboundLinkStatus {
  url: string;
  name: string;
  connected: boolean;
}

/**
 * Dials out to each `[[outbound_links]]` peer and keeps the link open, so the peer reaches this
 * manager without an open port. Requests the peer sends over a link carry this manager's API key and
 * pass the same key check as any other.
 */
export function startOutboundLinks(
  config: ManagerConfig,
  gate: ApiKeyGate,
  dispatch: ManagerHandler,
  log: Logger,
): { stop(): void; status(): OutboundLinkStatus[] } {
  const sockets = config.outbound_links.map((link) => {
    const caller = `link:${link.url}`;
    const socket = new ManagerSocket({
      url: link.url,
      apiKey: link.api_key,
      role: "link",
      name: link.name,
      keepaliveMs: config.links.keepalive_seconds * 1000,
      reconnectBaseMs: config.links.reconnect_base_ms,
      reconnectMaxMs: config.links.reconnect_max_seconds * 1000,
      requestTimeoutMs: config.links.request_timeout_seconds * 1000,
      log,
      onRequest: async (frame) => {
        if (!(await gate.admit(frame.key, caller, `${frame.method} ${frame.path} over a link`)))
          return {
            type: "response",
            id: frame.id,
            ...managerError(401, INVALID_API_KEY.code, INVALID_API_KEY.message),
          };
        return answerRequest(frame, caller, dispatch, log);
      },
    });
    socket.start();
    return { link, socket };
  });
  return {
    stop: () => sockets.forEach(({ socket }) => socket.stop()),
    status: () =>
      sockets.map(({ link, socket }) => ({ url: link.url, name: link.name, connected: socket.connected })),
  };
}
