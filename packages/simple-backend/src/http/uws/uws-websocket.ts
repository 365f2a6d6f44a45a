import type { SocketCallbacks, SocketLimits, TransportSocket } from "../transport.js";
import type { HttpRequest, TemplatedApp, WebSocket } from "./native-uws.js";

/** The handshake's own headers: read one by one, as copying every header into a map costs more. */
const HANDSHAKE_HEADERS = ["sec-websocket-key", "sec-websocket-protocol", "sec-websocket-extensions"];
/** Headers a trusted proxy names the client in (remote-address.ts): when present, every header is read. */
const PROXY_HEADERS = ["x-forwarded-for", "forwarded"];

/** The headers an upgrade needs; all of them when a proxy header came, as repeated lines keep their last. */
function upgradeHeaders(req: HttpRequest): Map<string, string> {
  const headers = new Map<string, string>();
  if (PROXY_HEADERS.some((name) => req.getHeader(name) !== "")) {
    req.forEach((key, value) => headers.set(key, value));
    return headers;
  }
  for (const name of HANDSHAKE_HEADERS) {
    const value = req.getHeader(name);
    if (value !== "") headers.set(name, value);
  }
  return headers;
}

interface Upgraded {
  protocol: string;
  remoteAddress: string;
}

/**
 * A WebSocket path on uWebSockets.js: uWS itself drops frames over `maxFrameBytes` (without a close
 * frame, 1006), closes a socket idle for `idleTimeoutSeconds` and one whose send buffer passes
 * `maxSendBufferBytes`.
 */
export function addUwsWebSocket<T>(
  app: TemplatedApp,
  path: string,
  limits: SocketLimits,
  callbacks: SocketCallbacks<T>,
): void {
  app.ws<Upgraded & { owner: T }>(path, {
    maxPayloadLength: limits.maxFrameBytes,
    idleTimeout: limits.idleTimeoutSeconds,
    maxBackpressure: limits.maxSendBufferBytes,
    closeOnBackpressureLimit: 1,
    sendPingsAutomatically: false,
    upgrade: (res, req, context) => {
      const headers = upgradeHeaders(req);
      const peer = Buffer.from(res.getRemoteAddressAsText()).toString();
      const upgraded = callbacks.upgrade(headers, peer);
      res.upgrade(
        upgraded as never,
        headers.get("sec-websocket-key") ?? "",
        upgraded.protocol,
        headers.get("sec-websocket-extensions") ?? "",
        context,
      );
    },
    open: (socket) => {
      const data = socket.getUserData();
      data.owner = callbacks.open(wrap(socket), data);
    },
    message: (socket, message, isBinary) => {
      // uWS reuses the message's memory after this callback; the callback decodes it before returning.
      callbacks.message(socket.getUserData().owner, Buffer.from(message), isBinary);
    },
    close: (socket, code) => callbacks.close(socket.getUserData().owner, code),
  });
}

function wrap<U>(socket: WebSocket<U>): TransportSocket {
  return {
    send: (data, binary) => void socket.send(data, binary),
    cork: (sends) => void socket.cork(sends),
    end: (code, reason) => socket.end(code, reason),
  };
}
