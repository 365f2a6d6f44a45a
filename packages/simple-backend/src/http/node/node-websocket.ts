import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type { SocketCallbacks, SocketLimits, TransportSocket } from "../transport.js";

/**
 * A WebSocket path on `node:http` with the `ws` server and the limits uWS enforces itself: frames over
 * `maxFrameBytes` close with 1009, a socket that sends nothing for `idleTimeoutSeconds` is dropped
 * (without a close frame, as uWS does), and
 * one whose send buffer passes `maxSendBufferBytes` is dropped at the send that passed it.
 */
export class NodeWebSocketPath<T> {
  private readonly server: WebSocketServer;

  constructor(
    private readonly limits: SocketLimits,
    private readonly callbacks: SocketCallbacks<T>,
  ) {
    this.server = new WebSocketServer({
      noServer: true,
      clientTracking: false,
      perMessageDeflate: false,
      maxPayload: limits.maxFrameBytes,
      // The protocol was chosen at the upgrade; ws only echoes it.
      handleProtocols: (_offered, request) => (request as UpgradeRequest).venusProtocol || false,
    });
  }

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const headers = new Map<string, string>();
    for (const [name, value] of Object.entries(req.headers))
      if (typeof value === "string") headers.set(name, value);
    const upgraded = this.callbacks.upgrade(headers, req.socket.remoteAddress ?? "");
    (req as UpgradeRequest).venusProtocol = upgraded.protocol;
    this.server.handleUpgrade(req, socket, head, (ws) => this.open(ws, upgraded));
  }

  private open(ws: WebSocket, upgraded: { protocol: string; remoteAddress: string }): void {
    const { idleTimeoutSeconds, maxSendBufferBytes } = this.limits;
    let idle: NodeJS.Timeout | undefined;
    const touch = () => {
      clearTimeout(idle);
      if (idleTimeoutSeconds > 0) idle = setTimeout(() => ws.terminate(), idleTimeoutSeconds * 1000);
    };
    const socket: TransportSocket = {
      send: (data, binary) => {
        if (ws.readyState !== ws.OPEN) return;
        ws.send(data, { binary });
        if (ws.bufferedAmount > maxSendBufferBytes) ws.terminate();
      },
      // `ws` has no cork of its own: each frame is written as it is sent.
      cork: (sends) => sends(),
      end: (code, reason) => ws.close(code, reason),
    };
    touch();
    const owner = this.callbacks.open(socket, upgraded);
    ws.on("message", (data: Buffer, isBinary: boolean) => {
      touch();
      this.callbacks.message(owner, data, isBinary);
    });
    ws.on("ping", touch);
    ws.on("pong", touch);
    // A frame over the limit or a protocol error: ws closes the socket itself (1009, 1002).
    ws.on("error", () => undefined);
    ws.on("close", (code: number) => {
      clearTimeout(idle);
      this.callbacks.close(owner, code);
    });
  }
}

type UpgradeRequest = IncomingMessage & { venusProtocol?: string };
