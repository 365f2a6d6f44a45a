import { Packr } from "msgpackr";
import WebSocket from "ws";
import {
  PROTOCOL_VERSION,
  type ClientKind,
  type DisconnectReason,
  type ErrorFrame,
  type HelloFrame,
  type SyncType,
  type WelcomeFrame,
  type WsErrorCode,
  type WsRequestMethod,
} from "@venus/model";
import { MSGPACK_SUBPROTOCOL } from "@venus/simple-backend";
import { EventQueue } from "./event-queue.js";
import { VenusApiError } from "./venus-api-error.js";
import type { AnyVenusEvent, ServerFrame, WsRequestMap } from "./wire-types.js";

/** The same codec as the server's: plain maps, no msgpackr records. */
const packr = new Packr({ useRecords: false });

export interface ClientInfo {
  kind: ClientKind;
  version: string;
}

export interface HelloOptions {
  accessToken: string;
  client: ClientInfo;
  /** The version of each data type the client has cached; a type left out counts as 0. */
  sync?: Partial<Record<SyncType, number>>;
}

export interface VenusSocketOptions {
  /** Ask for the `msgpack` subprotocol: binary msgpackr frames both ways. */
  msgpack?: boolean;
  /** Where pushed events go; a client passes its own so they outlive one connection. Default: a new queue. */
  events?: EventQueue;
  /** Time for the connection and the welcome, in ms. Default 10 000. */
  handshakeTimeoutMs?: number;
  /** Default time a request waits for its response, in ms. Default 30 000. */
  requestTimeoutMs?: number;
  /** Ping this often (ms) so the idle timeout never closes a quiet bot; 0: never. Default 30 000. */
  keepAliveMs?: number;
  /** Extra headers of the upgrade request. */
  headers?: Record<string, string>;
  /** Sees every frame as it arrives (before it is handled), for diagnostics and protocol tests. */
  onFrame?: (frame: ServerFrame) => void;
  /** Runs in the welcome frame's own handler, before any later frame: where a client takes the new token. */
  onWelcome?: (welcome: WelcomeFrame) => void;
}

/** How a connection ended. */
export interface SocketClosed {
  code: number;
  reason: string;
  /** The `disconnect` frame's reason, when the server said why before closing. */
  disconnect?: DisconnectReason;
  /** The `error` frame the server sent before closing (a refused hello, `rate_limited`). */
  error?: ErrorFrame;
}

export type SocketErrorCode = WsErrorCode | "connection_failed" | "connection_closed" | "timeout";

/**
 * A WebSocket failure that is not an answer: a refused hello (`code` is the error frame's, e.g.
 * `token_expired`), a connection that failed or closed while a request waited, or a timeout.
 */
export class VenusSocketError extends Error {
  override readonly name = "VenusSocketError";

  constructor(
    readonly code: SocketErrorCode,
    message: string,
    readonly closeCode?: number,
  ) {
    super(message);
  }
}

/** The status and body of a `response` frame. */
export interface SocketAnswer {
  status: number;
  body: unknown;
}

interface Pending {
  kind: "response" | "pong";
  resolve(answer: SocketAnswer): void;
  reject(error: Error): void;
}

function asBuffer(data: WebSocket.RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

function isServerFrame(value: unknown): value is ServerFrame {
  return (
    typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string"
  );
}

/**
 * One `/ws` connection: the hello/welcome handshake, requests answered by id, pushed events into an
 * EventQueue, pings, and how it closed. Get one with `VenusSocket.connect`, which resolves after the
 * welcome.
 *
 * Every frame is handled in the `ws` message callback as it arrives: a response settles its request
 * there and then, and an event is queued there and then, because several frames of one TCP chunk
 * are handled back to back before any awaiting code resumes.
 */
export class VenusSocket {
  /** Error frames received after the welcome (`invalid_frame`; `rate_limited` just before a close). */
  readonly errors: ErrorFrame[] = [];
  /** Frames that could not be decoded or were not expected (for tests to assert there are none). */
  readonly problems: string[] = [];
  readonly events: EventQueue;
  /** Resolves once the connection has closed, however it closed; never rejects. */
  readonly closed: Promise<SocketClosed>;

  private readonly ws: WebSocket;
  private readonly pending = new Map<string, Pending>();
  private readonly ownsEvents: boolean;
  private readonly requestTimeoutMs: number;
  private readonly handshake: Promise<void>;
  private handshakeDone = false;
  private welcomeFrame: WelcomeFrame | undefined;
  private token: string;
  private binary = false;
  private nextId = 1;
  private keepAlive: NodeJS.Timeout | undefined;
  private refusal: ErrorFrame | undefined;
  private disconnectReason: DisconnectReason | undefined;

  private constructor(
    url: string,
    hello: HelloOptions,
    private readonly options: VenusSocketOptions,
  ) {
    this.token = hello.accessToken;
    this.ownsEvents = options.events === undefined;
    this.events = options.events ?? new EventQueue();
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.ws = new WebSocket(url, options.msgpack ? [MSGPACK_SUBPROTOCOL] : [], {
      ...(options.headers ? { headers: options.headers } : {}),
    });
    let settle: { resolve(): void; reject(error: Error): void } | undefined;
    this.handshake = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    const finish = (error?: Error) => {
      if (this.handshakeDone) return;
      this.handshakeDone = true;
      clearTimeout(timer);
      if (error) settle?.reject(error);
      else settle?.resolve();
    };
    const timer = setTimeout(() => {
      finish(new VenusSocketError("timeout", `no welcome within ${options.handshakeTimeoutMs ?? 10_000} ms`));
      this.ws.terminate();
    }, options.handshakeTimeoutMs ?? 10_000);

    this.ws.on("open", () => {
      this.binary = this.ws.protocol === MSGPACK_SUBPROTOCOL;
      const frame: HelloFrame = {
        type: "hello",
        access_token: hello.accessToken,
        protocol: PROTOCOL_VERSION,
        client: hello.client,
        ...(hello.sync ? { sync: hello.sync } : {}),
      };
      this.sendFrame(frame);
    });
    this.ws.on("message", (data, isBinary) => this.onMessage(data, isBinary, finish));
    this.ws.on("error", (error) => {
      // `close` follows; before the welcome this is the reason the connection failed.
      finish(new VenusSocketError("connection_failed", error.message));
    });
    this.closed = new Promise((resolve) =>
      this.ws.on("close", (code, reasonBytes) => {
        const reason = reasonBytes.toString();
        clearInterval(this.keepAlive);
        const refused = this.refusal;
        finish(
          refused
            ? new VenusSocketError(refused.code, refused.message, code)
            : new VenusSocketError("connection_closed", `closed before welcome: ${code} ${reason}`, code),
        );
        const error = new VenusSocketError("connection_closed", `connection closed: ${code} ${reason}`, code);
        for (const waiting of this.pending.values()) waiting.reject(error);
        this.pending.clear();
        if (this.ownsEvents) this.events.fail(error);
        const lastError = this.refusal ?? this.errors.at(-1);
        resolve({
          code,
          reason,
          ...(this.disconnectReason ? { disconnect: this.disconnectReason } : {}),
          ...(lastError ? { error: lastError } : {}),
        });
      }),
    );
  }

  /** Opens `/ws`, sends the hello, resolves after the welcome; a refused hello: VenusSocketError. */
  static async connect(
    url: string,
    hello: HelloOptions,
    options: VenusSocketOptions = {},
  ): Promise<VenusSocket> {
    const socket = new VenusSocket(url, hello, options);
    await socket.handshake;
    return socket;
  }

  get welcome(): WelcomeFrame {
    if (!this.welcomeFrame) throw new Error("no welcome yet");
    return this.welcomeFrame;
  }

  get accountId(): string {
    return this.welcome.account_id;
  }

  /** The access token to use from now on: the welcome's rotated one, else the hello's. */
  get accessToken(): string {
    return this.token;
  }

  /** Whether the server agreed to the msgpack subprotocol (frames are binary). */
  get msgpack(): boolean {
    return this.binary;
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** The server's `disconnect` reason, once one came. */
  get disconnect(): DisconnectReason | undefined {
    return this.disconnectReason;
  }

  /**
   * A typed request over the socket: resolves with the success body, or rejects with VenusApiError
   * for a non-2xx status, exactly as the HTTP route would.
   */
  async request<M extends WsRequestMethod>(
    method: M,
    body: WsRequestMap[M]["request"],
    options: { timeoutMs?: number } = {},
  ): Promise<WsRequestMap[M]["response"]> {
    const answer = await this.requestRaw(method, body, options);
    if (answer.status >= 200 && answer.status < 300) return answer.body as WsRequestMap[M]["response"];
    throw VenusApiError.fromAnswer(answer.status, answer.body, undefined, `ws ${method}`);
  }

  /** Any request frame (unknown methods and malformed bodies included): the response's status and body. */
  requestRaw(method: string, body?: unknown, options: { timeoutMs?: number } = {}): Promise<SocketAnswer> {
    const id = this.nextId++;
    return this.roundTrip(
      "response",
      String(id),
      { type: "request", id, method, ...(body === undefined ? {} : { body }) },
      options.timeoutMs ?? this.requestTimeoutMs,
      `ws ${method}`,
    );
  }

  /**
   * Sends a ping; resolves with the round trip in ms once its pong came, by when every frame the server
   * sent before it has been handled (events queued, responses settled).
   */
  async ping(timeoutMs = this.requestTimeoutMs): Promise<number> {
    const started = performance.now();
    const id = `ping-${this.nextId++}`;
    await this.roundTrip("pong", id, { type: "ping", id }, timeoutMs, "ping");
    return performance.now() - started;
  }

  /** Sends any frame as it is (JSON, or msgpack on a msgpack connection): for protocol tests. */
  sendFrame(frame: object): void {
    if (this.ws.readyState !== WebSocket.OPEN)
      throw new VenusSocketError("connection_closed", "the connection is not open");
    this.ws.send(this.binary ? packr.pack(frame) : JSON.stringify(frame));
  }

  /** Sends bytes or text as they are (malformed frames). */
  sendRaw(data: string | Buffer): void {
    this.ws.send(data);
  }

  /** Closes the connection (the server detaches it) and resolves once it has closed. */
  close(code = 1000, reason = ""): Promise<SocketClosed> {
    if (this.ws.readyState === WebSocket.CONNECTING || this.ws.readyState === WebSocket.OPEN)
      this.ws.close(code, reason);
    return this.closed;
  }

  /** Drops the connection without a close handshake (a lost network). */
  terminate(): Promise<SocketClosed> {
    this.ws.terminate();
    return this.closed;
  }

  private roundTrip(
    kind: Pending["kind"],
    key: string,
    frame: object,
    timeoutMs: number,
    what: string,
  ): Promise<SocketAnswer> {
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const done = () => {
        clearTimeout(timer);
        this.pending.delete(key);
      };
      this.pending.set(key, {
        kind,
        resolve: (answer) => {
          done();
          resolve(answer);
        },
        reject: (error) => {
          done();
          reject(error);
        },
      });
      if (Number.isFinite(timeoutMs))
        timer = setTimeout(
          () =>
            this.pending
              .get(key)
              ?.reject(new VenusSocketError("timeout", `no answer to ${what} in ${timeoutMs} ms`)),
          timeoutMs,
        );
      try {
        this.sendFrame(frame);
      } catch (error) {
        this.pending.get(key)?.reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  private onMessage(
    data: WebSocket.RawData,
    isBinary: boolean,
    finishHandshake: (error?: Error) => void,
  ): void {
    let frame: unknown;
    try {
      const bytes = asBuffer(data);
      frame = isBinary ? packr.unpack(bytes) : JSON.parse(bytes.toString("utf8"));
    } catch (error) {
      this.problems.push(`undecodable frame: ${(error as Error).message}`);
      return;
    }
    if (!isServerFrame(frame)) {
      this.problems.push(`not a frame: ${JSON.stringify(frame)}`);
      return;
    }
    this.options.onFrame?.(frame);
    switch (frame.type) {
      case "welcome":
        if (this.welcomeFrame) {
          this.problems.push("a second welcome");
          return;
        }
        this.welcomeFrame = frame;
        if (frame.access_token !== undefined) this.token = frame.access_token;
        this.options.onWelcome?.(frame);
        this.startKeepAlive();
        return finishHandshake();
      case "event":
        return this.events.push({ event: frame.event, data: frame.data } as AnyVenusEvent);
      case "response":
      case "pong": {
        const waiting = this.pending.get(String(frame.id));
        if (!waiting || waiting.kind !== frame.type) {
          this.problems.push(`unexpected ${frame.type} ${JSON.stringify(frame.id)}`);
          return;
        }
        return waiting.resolve(
          frame.type === "response"
            ? { status: frame.status, body: frame.body }
            : { status: 200, body: null },
        );
      }
      case "error":
        // A refused hello: the close that follows rejects the handshake with this code and the close code.
        if (!this.welcomeFrame) this.refusal = frame;
        else this.errors.push(frame);
        return;
      case "disconnect":
        this.disconnectReason = frame.reason;
        return;
      default:
        this.problems.push(`unknown frame ${JSON.stringify(frame)}`);
    }
  }

  private startKeepAlive(): void {
    const every = this.options.keepAliveMs ?? 30_000;
    if (every <= 0) return;
    this.keepAlive = setInterval(() => {
      if (this.isOpen) this.ping().catch(() => undefined);
    }, every);
    this.keepAlive.unref();
  }
}
