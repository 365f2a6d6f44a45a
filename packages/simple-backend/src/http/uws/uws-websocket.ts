import type { SocketCallbacks, SocketLimits, TransportSocket } from "../transport.js";
import type { TemplatedApp, WebSocket } from "./native-uws.js";

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
      const headers = new Map<string, string>();
      req.forEach((key, value) => headers.set(key, value));
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
    end: (code, reason) => socket.end(code, reason),
  };
}
