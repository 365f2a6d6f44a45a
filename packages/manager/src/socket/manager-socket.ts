import { Packr } from "msgpackr";
import WebSocket from "ws";
import {
  ManagerFrame,
  type ManagerHelloFrame,
  type ManagerRequestFrame,
  type ManagerResponseFrame,
} from "@venus/model";
import { compileValidator, MSGPACK_SUBPROTOCOL, restartDelay, type Logger } from "@venus/simple-backend";
import { managerError, type ManagerResponse } from "../api/manager-request.js";
import type { OutgoingRequest } from "../remotes/manager-caller.js";
import { PendingRequests } from "./pending-requests.js";

export interface ManagerSocketOptions {
  /** The manager's WebSocket, e.g. `ws://127.0.0.1:4100/manager/ws`. */
  url: string;
  apiKey: string;
  role: ManagerHelloFrame["role"];
  /** This manager's name at the peer (role `link`). */
  name?: string;
  keepaliveMs: number;
  reconnectBaseMs: number;
  reconnectMaxMs: number;
  requestTimeoutMs: number;
  log: Logger;
  /** Requests the far side sends over the socket (a peer using a link this manager dialled). */
  onRequest?: (frame: ManagerRequestFrame) => Promise<ManagerResponseFrame>;
  onEvent?: (name: string, data: unknown) => void;
  onConnected?: () => void;
  onDisconnected?: () => void;
}

const packr = new Packr({ useRecords: false });
const checkFrame = compileValidator(ManagerFrame);

/**
 * A socket to a manager that stays open: hello with the key, a ping every `keepaliveMs` (two
 * unanswered ones drop it), and dialling again with a growing delay whenever it is lost. Requests
 * wait for their answer by id; a lost socket answers them `502 link_lost` at once.
 */
export class ManagerSocket {
  private socket: WebSocket | undefined;
  private ready = false;
  private stopped = true;
  private failures = 0;
  private unansweredPings = 0;
  private keepalive: NodeJS.Timeout | undefined;
  private redial: NodeJS.Timeout | undefined;
  private pending = new PendingRequests();

  constructor(private readonly options: ManagerSocketOptions) {}

  get connected(): boolean {
    return this.ready;
  }

  start(): void {
    this.stopped = false;
    this.dial();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.redial);
    this.socket?.close(1000, "stopping");
    this.dropped("stopping");
  }

  /** Sends a request to the manager; answered `503 manager_not_connected` while the socket is down. */
  request(request: OutgoingRequest): Promise<ManagerResponse> {
    const socket = this.socket;
    if (!this.ready || socket === undefined)
      return Promise.resolve(
        managerError(503, "manager_not_connected", `not connected to the manager at ${this.options.url}`),
      );
    const { id, response } = this.pending.open(this.options.requestTimeoutMs, this.options.url);
    this.send({ type: "request", id, ...request });
    return response;
  }

  private send(frame: object): void {
    this.socket?.send(packr.pack(frame));
  }

  private dial(): void {
    const { options } = this;
    const socket = new WebSocket(options.url, MSGPACK_SUBPROTOCOL, { maxPayload: 64 * 1024 * 1024 });
    this.socket = socket;
    socket.on("open", () => {
      const hello: ManagerHelloFrame = {
        type: "hello",
        key: options.apiKey,
        role: options.role,
        ...(options.name === undefined ? {} : { name: options.name }),
      };
      this.send(hello);
    });
    socket.on("message", (data: Buffer) => this.onMessage(data));
    socket.on("error", (error) =>
      options.log.debug({ err: error, url: options.url }, "manager socket error"),
    );
    socket.on("close", (code, reason) => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.dropped(`closed (${code} ${reason.toString()})`);
      if (this.stopped) return;
      const delay = restartDelay(this.failures++, options.reconnectBaseMs, options.reconnectMaxMs);
      options.log.warn(
        { url: options.url, code, reason: reason.toString(), delayMs: delay },
        "manager socket lost; dialling again",
      );
      this.redial = setTimeout(() => this.dial(), delay);
    });
  }

  private onMessage(data: Buffer): void {
    let frame: unknown;
    try {
      frame = packr.unpack(data);
    } catch {
      return this.socket?.terminate();
    }
    const parsed = checkFrame(frame);
    if (!parsed.ok) return this.socket?.terminate();
    const message = parsed.value;
    switch (message.type) {
      case "welcome":
        this.ready = true;
        this.failures = 0;
        this.unansweredPings = 0;
        this.keepalive = setInterval(() => this.ping(), this.options.keepaliveMs);
        this.options.log.info({ url: this.options.url, role: this.options.role }, "connected to the manager");
        this.options.onConnected?.();
        return;
      case "pong":
        this.unansweredPings = 0;
        return;
      case "response":
        this.pending.settle(message.id, { status: message.status, body: message.body });
        return;
      case "event":
        this.options.onEvent?.(message.name, message.data);
        return;
      case "request":
        if (this.options.onRequest === undefined)
          return this.send({
            type: "response",
            id: message.id,
            ...managerError(404, "not_found", "no routes here"),
          });
        void this.options.onRequest(message).then((response) => this.send(response));
        return;
      case "error":
        this.options.log.error(
          { url: this.options.url, code: message.code },
          `the manager refused the socket: ${message.message}`,
        );
        return;
      case "ping":
        return this.send({ type: "pong" });
    }
  }

  private ping(): void {
    if (this.unansweredPings >= 2) {
      this.options.log.warn({ url: this.options.url }, "manager socket: two pings unanswered; dropping it");
      this.socket?.terminate();
      return;
    }
    this.unansweredPings++;
    this.send({ type: "ping" });
  }

  private dropped(reason: string): void {
    clearInterval(this.keepalive);
    const wasReady = this.ready;
    this.ready = false;
    this.pending.failAll(reason);
    this.pending = new PendingRequests();
    if (wasReady) this.options.onDisconnected?.();
  }
}
