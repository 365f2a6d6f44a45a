import { Packr } from "msgpackr";
import type { Gauge } from "prom-client";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics/metrics.js";
import { guardFrames } from "./frame-boundary.js";
import { remoteAddressOf, type TrustedProxies } from "../http/remote-address.js";
import type { TemplatedApp, WebSocket } from "../http/uws.js";

export const MSGPACK_SUBPROTOCOL = "msgpack";

/** One live WebSocket: sends objects as JSON text, or msgpackr binary for `msgpack` clients. */
export interface Connection<State> {
  readonly id: number;
  readonly remoteAddress: string;
  readonly binary: boolean;
  state: State;
  readonly open: boolean;
  send(frame: object): void;
  /** Closes with a WebSocket close code and a short reason. */
  close(code: number, reason: string): void;
}

export interface WebSocketHandlers<State> {
  initialState(): State;
  onOpen(connection: Connection<State>): void;
  /** `frame` is the decoded JSON or msgpack value, or an Error when it could not be decoded. */
  onFrame(connection: Connection<State>, frame: unknown): void | Promise<void>;
  onClose(connection: Connection<State>, code: number): void;
  /** Answers a frame whose handler threw (see frame-boundary.ts): the protocol's internal error. */
  onFrameError(connection: Connection<State>, error: unknown): void;
}

export interface WebSocketOptions {
  path: string;
  maxFrameBytes: number;
  idleTimeoutSeconds: number;
  maxSendBufferBytes: number;
  trustedProxies: TrustedProxies;
  log: Logger;
  metrics: Metrics;
}

interface SocketData<State> {
  connection: Connection<State>;
}

const packr = new Packr({ useRecords: false });
let nextConnectionId = 1;

class UwsConnection<State> implements Connection<State> {
  readonly id = nextConnectionId++;
  open = true;

  constructor(
    private readonly socket: WebSocket<SocketData<State>>,
    readonly remoteAddress: string,
    readonly binary: boolean,
    public state: State,
  ) {}

  send(frame: object): void {
    if (!this.open) return;
    if (this.binary) this.socket.send(packr.pack(frame), true);
    else this.socket.send(JSON.stringify(frame), false);
  }

  close(code: number, reason: string): void {
    if (!this.open) return;
    this.open = false;
    this.socket.end(code, reason);
  }
}

function decode(message: ArrayBuffer, isBinary: boolean): unknown {
  try {
    const bytes = Buffer.from(message);
    return isBinary ? packr.unpack(bytes) : JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/**
 * A WebSocket route with limits: frames over `maxFrameBytes` close the socket (1009), a send buffer
 * over `maxSendBufferBytes` disconnects the slow consumer, and a socket that sends nothing for
 * `idleTimeoutSeconds` is closed. Clients choose JSON text or the `msgpack` subprotocol.
 */
export function addWebSocketEndpoint<State>(
  app: TemplatedApp,
  options: WebSocketOptions,
  unguarded: WebSocketHandlers<State>,
): { count(): number; closeAll(code: number, reason: string): void } {
  const handlers = guardFrames(unguarded, options);
  const live = new Set<Connection<State>>();
  const gauge: Gauge<string> = options.metrics.gauge(
    "venus_websocket_connections",
    "Open WebSocket connections",
  );
  app.ws<SocketData<State> & { protocol: string; remoteAddress: string }>(options.path, {
    maxPayloadLength: options.maxFrameBytes,
    idleTimeout: options.idleTimeoutSeconds,
    maxBackpressure: options.maxSendBufferBytes,
    closeOnBackpressureLimit: 1,
    sendPingsAutomatically: false,
    upgrade: (res, req, context) => {
      const headers = new Map<string, string>();
      req.forEach((key, value) => headers.set(key, value));
      const offered = (headers.get("sec-websocket-protocol") ?? "").split(",").map((p) => p.trim());
      const protocol = offered.includes(MSGPACK_SUBPROTOCOL) ? MSGPACK_SUBPROTOCOL : "";
      const remoteAddress = remoteAddressOf(res, headers, options.trustedProxies);
      res.upgrade(
        { protocol, remoteAddress } as never,
        headers.get("sec-websocket-key") ?? "",
        protocol,
        headers.get("sec-websocket-extensions") ?? "",
        context,
      );
    },
    open: (socket) => {
      const data = socket.getUserData() as SocketData<State> & {
        protocol: string;
        remoteAddress: string;
      };
      const connection = new UwsConnection(
        socket,
        data.remoteAddress,
        data.protocol === MSGPACK_SUBPROTOCOL,
        handlers.initialState(),
      );
      data.connection = connection;
      live.add(connection);
      gauge.inc();
      handlers.onOpen(connection);
    },
    message: (socket, message, isBinary) => {
      const { connection } = socket.getUserData();
      handlers.onFrame(connection, decode(message, isBinary));
    },
    close: (socket, code) => {
      const { connection } = socket.getUserData();
      (connection as UwsConnection<State>).open = false;
      live.delete(connection);
      gauge.dec();
      handlers.onClose(connection, code);
    },
  });
  return {
    count: () => live.size,
    closeAll: (code, reason) => {
      for (const connection of [...live]) connection.close(code, reason);
    },
  };
}
