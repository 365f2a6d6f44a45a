import { Packr } from "msgpackr";
import type { Gauge } from "prom-client";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics/metrics.js";
import type { HttpServer } from "../http/http-server.js";
import { normalizeAddress } from "../http/remote-address.js";
import type { TransportSocket } from "../http/transport.js";
import { guardFrames } from "./frame-boundary.js";

export const MSGPACK_SUBPROTOCOL = "msgpack";

/** One live WebSocket: sends objects as JSON text, or msgpackr binary for `msgpack` clients. */
export interface Connection<State> {
  readonly id: number;
  readonly remoteAddress: string;
  readonly binary: boolean;
  state: State;
  readonly open: boolean;
  send(frame: object): void;
  /**
   * Runs `sends` with the socket corked: the frames they send leave in one write. Frames sent from
   * a uWS callback are corked already; this is for those sent after an await.
   */
  cork(sends: () => void): void;
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
  log: Logger;
  metrics: Metrics;
}

const packr = new Packr({ useRecords: false });
let nextConnectionId = 1;

class SocketConnection<State> implements Connection<State> {
  readonly id = nextConnectionId++;
  open = true;

  constructor(
    private readonly socket: TransportSocket,
    readonly remoteAddress: string,
    readonly binary: boolean,
    public state: State,
  ) {}

  send(frame: object): void {
    if (!this.open) return;
    if (this.binary) this.socket.send(packr.pack(frame), true);
    else this.socket.send(JSON.stringify(frame), false);
  }

  cork(sends: () => void): void {
    if (this.open) this.socket.cork(sends);
    else sends();
  }

  close(code: number, reason: string): void {
    if (!this.open) return;
    this.open = false;
    this.socket.end(code, reason);
  }
}

function decode(message: Buffer, isBinary: boolean): unknown {
  try {
    return isBinary ? packr.unpack(message) : JSON.parse(message.toString("utf8"));
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/**
 * A WebSocket route with limits, on whichever transport `http` runs: frames over `maxFrameBytes`
 * close the socket, a send buffer over `maxSendBufferBytes` disconnects the slow consumer, and a socket
 * that sends nothing for `idleTimeoutSeconds` is closed. Clients choose JSON text or the `msgpack`
 * subprotocol. What a handler throws is answered by its `onFrameError` (frame-boundary.ts), never
 * thrown to the process.
 */
export function addWebSocketEndpoint<State>(
  http: HttpServer,
  options: WebSocketOptions,
  unguarded: WebSocketHandlers<State>,
): { count(): number; closeAll(code: number, reason: string): void } {
  const handlers = guardFrames(unguarded, options);
  const live = new Set<SocketConnection<State>>();
  const gauge: Gauge<string> = options.metrics.gauge(
    "venus_websocket_connections",
    "Open WebSocket connections",
  );
  http.webSocket<SocketConnection<State>>(options.path, options, {
    upgrade: (headers, peerAddress) => {
      const offered = (headers.get("sec-websocket-protocol") ?? "").split(",").map((p) => p.trim());
      const protocol = offered.includes(MSGPACK_SUBPROTOCOL) ? MSGPACK_SUBPROTOCOL : "";
      try {
        return { protocol, remoteAddress: http.clientAddress(peerAddress, headers) };
      } catch (error) {
        options.log.error({ err: error, path: options.path }, "WebSocket upgrade: client address failed");
        return { protocol, remoteAddress: normalizeAddress(peerAddress) };
      }
    },
    open: (socket, upgraded) => {
      const binary = upgraded.protocol === MSGPACK_SUBPROTOCOL;
      const connection = new SocketConnection(
        socket,
        upgraded.remoteAddress,
        binary,
        handlers.initialState(),
      );
      live.add(connection);
      gauge.inc();
      handlers.onOpen(connection);
      return connection;
    },
    message: (connection, data, isBinary) => handlers.onFrame(connection, decode(data, isBinary)),
    close: (connection, code) => {
      connection.open = false;
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
