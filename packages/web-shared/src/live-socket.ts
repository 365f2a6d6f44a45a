import type { Static, TSchema } from "@sinclair/typebox";
import type {
  ClientKind,
  DisconnectReason,
  EVENT_DATA,
  EventFrame,
  EventName,
  LoginResponse,
  WsErrorCode,
} from "@venus/model";
import { Backoff } from "./backoff.js";
import type { TokenStore } from "./tokens.js";

/** An event's `data`, typed from model's EVENT_DATA (absent on the sync events after `welcome`). */
type EventDataMap = {
  [E in EventName]: (typeof EVENT_DATA)[E] extends infer S extends TSchema ? Static<S> : undefined;
};
export type EventData<E extends EventName> = EventDataMap[E] | undefined;

export type SocketStatus = "connecting" | "open" | "signed_out";

/** Disconnect reasons after which this device is signed out: reconnecting would be refused or fight. */
const FINAL: ReadonlySet<DisconnectReason> = new Set<DisconnectReason>([
  "replaced",
  "logged_out",
  "session_ended",
  "logged_out_by_admin",
  "account_locked",
  "account_deleted",
  "device_signed_out",
  "password_changed",
]);
const REFRESH: ReadonlySet<WsErrorCode> = new Set<WsErrorCode>(["invalid_token", "token_expired"]);

export interface LiveSocketOptions {
  client: { kind: ClientKind; version: string };
  tokens: TokenStore;
  /** `POST /account/refresh`; rejects with an ApiError when the refresh token is refused. */
  refresh(refreshToken: string): Promise<LoginResponse>;
  onStatus(status: SocketStatus, reason?: string): void;
  url?: string;
}

/** Any frame the server sends, as far as this class reads it (welcome, error, disconnect, event). */
interface Frame {
  type: string;
  event?: EventFrame["event"];
  data?: unknown;
  access_token?: string;
  reason?: DisconnectReason;
  code?: WsErrorCode;
}

/**
 * The device's one WebSocket (docs/protocol.md): `hello` with the access token, the rotated token from
 * `welcome`, events to listeners, and reconnection with back-off; a refused token is refreshed once,
 * and a refused refresh signs the device out.
 */
export class LiveSocket {
  private socket: WebSocket | undefined;
  private stopped = false;
  private isOpen = false;
  private refreshNext = false;
  private readonly backoff = new Backoff();
  private readonly listeners = new Map<EventName, Set<(data: unknown) => void>>();
  private opened!: Promise<void>;
  private markOpen!: () => void;

  constructor(private readonly options: LiveSocketOptions) {
    this.resetReady();
  }

  /** Resolves while the socket is connected (at once), or when it next connects. */
  ready(): Promise<void> {
    return this.opened;
  }

  get open(): boolean {
    return this.isOpen;
  }

  accessToken(): string | undefined {
    return this.options.tokens.load()?.access_token;
  }

  on<E extends EventName>(event: E, listener: (data: EventData<E>) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, set);
    const untyped = listener as (data: unknown) => void;
    set.add(untyped);
    return () => set.delete(untyped);
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  /** Closes for good (sign-out); no reconnection. */
  stop(reason = "signed_out"): void {
    if (this.stopped) return;
    this.stopped = true;
    this.socket?.close(1000);
    this.options.onStatus("signed_out", reason);
  }

  private resetReady(): void {
    this.opened = new Promise((resolve) => (this.markOpen = resolve));
  }

  private connect(): void {
    const tokens = this.options.tokens.load();
    if (!tokens) return this.stop("no_session");
    this.options.onStatus("connecting");
    const url = this.options.url ?? `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws`;
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.onopen = () =>
      socket.send(
        JSON.stringify({
          type: "hello",
          access_token: tokens.access_token,
          protocol: 1,
          client: this.options.client,
        }),
      );
    socket.onmessage = (message) => this.receive(JSON.parse(String(message.data)) as Frame);
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.isOpen = false;
      this.resetReady();
      if (!this.stopped) void this.reconnect();
    };
  }

  private receive(frame: Frame): void {
    if (frame.type === "welcome") {
      const rotated = frame.access_token;
      const tokens = this.options.tokens.load();
      if (rotated && tokens) this.options.tokens.save({ ...tokens, access_token: rotated });
      this.backoff.reset();
      this.isOpen = true;
      this.options.onStatus("open");
      this.markOpen();
    } else if (frame.type === "error" && frame.code && REFRESH.has(frame.code)) this.refreshNext = true;
    else if (frame.type === "disconnect" && frame.reason && FINAL.has(frame.reason)) this.stop(frame.reason);
    else if (frame.type === "event" && frame.event)
      for (const listener of this.listeners.get(frame.event) ?? []) listener(frame.data);
  }

  private async reconnect(): Promise<void> {
    if (this.refreshNext) {
      this.refreshNext = false;
      const tokens = this.options.tokens.load();
      try {
        if (!tokens) throw new Error("no session");
        this.options.tokens.save(await this.options.refresh(tokens.refresh_token));
        return this.connect();
      } catch (error) {
        if ((error as { status?: number }).status !== 0) return this.stop("session_ended");
      }
    }
    setTimeout(() => {
      if (!this.stopped) this.connect();
    }, this.backoff.next());
  }
}
