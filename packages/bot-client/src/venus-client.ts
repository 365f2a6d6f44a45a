import type {
  EventName,
  LoginResponse,
  RegisterResponse,
  SyncType,
  WelcomeFrame,
  WsRequestMethod,
} from "@venus/model";
import { AccountMethods } from "./account-methods.js";
import { DeviceMethods } from "./device-methods.js";
import { PushMethods } from "./push-methods.js";
import { AdminMethods } from "./admin-methods.js";
import type { ApiContext, Via } from "./api-context.js";
import { ChatMethods } from "./chat-methods.js";
import { BOT_CLIENT_VERSION } from "./client-version.js";
import { EventQueue, type EventQueueOptions, type WaitOptions } from "./event-queue.js";
import { HttpApi, type HttpApiOptions } from "./http-api.js";
import { MediaMethods } from "./media-methods.js";
import { ProfileMethods } from "./profile-methods.js";
import { ReportMethods } from "./report-methods.js";
import { StatisticsMethods } from "./statistics-methods.js";
import { SystemMethods } from "./system-methods.js";
import {
  VenusSocket,
  VenusSocketError,
  type ClientInfo,
  type SocketClosed,
  type VenusSocketOptions,
} from "./venus-socket.js";
import type { AnyVenusEvent, EventDataMap, VenusEvent, WsRequestMap } from "./wire-types.js";

export interface VenusClientOptions {
  /** `hello.client`. Default `{kind: "web", version: <bot-client version>}`; bots use kind `bot`. */
  client?: ClientInfo;
  /** Use the `msgpack` subprotocol. */
  msgpack?: boolean;
  /** The `/ws` URL. Default: the base URL with ws:/wss: and `/ws`. */
  wsUrl?: string;
  /** How calls that exist both ways travel by default (send, ack, seen, typing, browse). Default "http". */
  via?: Via;
  /** The client's event queue. */
  events?: EventQueueOptions;
  /** Options of each socket the client opens. */
  socket?: Omit<VenusSocketOptions, "events" | "msgpack" | "onWelcome">;
  /** Options of the HTTP side (the token is the client's). */
  http?: Omit<HttpApiOptions, "accessToken">;
}

export interface ConnectOptions {
  /** `hello.sync`: the version of each data type cached; the server sends `<type>_changed` for stale ones. */
  sync?: Partial<Record<SyncType, number>>;
}

/** `http://host:port` → `ws://host:port/ws` (https → wss). */
export function websocketUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/ws`;
  return url.toString();
}

/**
 * One signed-in session (one device) of a Venus account: its tokens, its WebSocket, and every route
 * grouped by component (`account`, `devices`, `profile`, `media`, `chat`, `reports`, `admin`, `statistics`,
 * `system`).
 *
 * The access token is the session's current one at all times: HTTP calls read it on every call, and
 * a welcome that rotates it replaces it in the welcome frame's own handler, before any later frame.
 * HTTP routes need this session's socket connected (`401 websocket_required` otherwise), so call
 * `connect()` first. Pushed events are queued in `events`, which outlives reconnects.
 */
export class VenusClient {
  readonly url: string;
  readonly wsUrl: string;
  readonly accountId: string;
  readonly http: HttpApi;
  readonly events: EventQueue;
  readonly account: AccountMethods;
  /** The account's devices (sessions) and its password. */
  readonly devices: DeviceMethods;
  /** This device's push target and the account's notification settings. */
  readonly push: PushMethods;
  readonly profile: ProfileMethods;
  readonly media: MediaMethods;
  readonly chat: ChatMethods;
  readonly admin: AdminMethods;
  /** Reports of names, texts and images (messages: `chat.report`). */
  readonly reports: ReportMethods;
  /** Admin statistics: hourly history, per-account API usage and addresses. */
  readonly statistics: StatisticsMethods;
  readonly system: SystemMethods;

  private accessTokenValue: string;
  private refreshTokenValue: string;
  private current: VenusSocket | undefined;

  private constructor(
    url: string,
    login: LoginResponse,
    private readonly options: VenusClientOptions,
  ) {
    this.url = url.replace(/\/+$/, "");
    this.wsUrl = options.wsUrl ?? websocketUrl(this.url);
    this.accountId = login.account_id;
    this.accessTokenValue = login.access_token;
    this.refreshTokenValue = login.refresh_token;
    this.http = new HttpApi(this.url, { ...options.http, accessToken: () => this.accessTokenValue });
    this.events = new EventQueue(options.events);
    const ctx: ApiContext = {
      http: this.http,
      socket: () => this.socket,
      events: this.events,
      via: options.via ?? "http",
    };
    this.account = new AccountMethods(this.http);
    this.devices = new DeviceMethods(this.http);
    this.push = new PushMethods(this.http);
    this.profile = new ProfileMethods(ctx);
    this.media = new MediaMethods(ctx);
    this.chat = new ChatMethods(ctx);
    this.admin = new AdminMethods(this.http);
    this.reports = new ReportMethods(this.http);
    this.statistics = new StatisticsMethods(this.http);
    this.system = new SystemMethods(this.http);
  }

  /** A client for a session whose tokens came from a login route (account, bot or remote bot login). */
  static fromLogin(url: string, login: LoginResponse, options: VenusClientOptions = {}): VenusClient {
    return new VenusClient(url, login, options);
  }

  /** `POST /account/register`. */
  static register(
    url: string,
    email: string,
    password: string,
    options: { http?: Omit<HttpApiOptions, "accessToken"> } = {},
  ): Promise<RegisterResponse> {
    return new AccountMethods(new HttpApi(url, options.http)).register({ email, password });
  }

  /** `POST /account/login`: a client for the new session, not yet connected. */
  static async login(
    url: string,
    email: string,
    password: string,
    options: VenusClientOptions = {},
  ): Promise<VenusClient> {
    const tokens = await new AccountMethods(new HttpApi(url, options.http)).login({ email, password });
    return new VenusClient(url, tokens, options);
  }

  /** Logs in and connects. */
  static async signIn(
    url: string,
    email: string,
    password: string,
    options: VenusClientOptions & ConnectOptions = {},
  ): Promise<VenusClient> {
    const client = await VenusClient.login(url, email, password, options);
    await client.connect(options);
    return client;
  }

  /** Registers, logs in and connects. */
  static async signUp(
    url: string,
    email: string,
    password: string,
    options: VenusClientOptions & ConnectOptions = {},
  ): Promise<VenusClient> {
    await VenusClient.register(url, email, password, options);
    return VenusClient.signIn(url, email, password, options);
  }

  /** The session's current access token (rotated by each welcome that carries one). */
  get accessToken(): string {
    return this.accessTokenValue;
  }

  get refreshToken(): string {
    return this.refreshTokenValue;
  }

  /** The connected socket; throws when there is none (never connected, or closed). */
  get socket(): VenusSocket {
    if (!this.current?.isOpen) throw new VenusSocketError("connection_closed", "the client is not connected");
    return this.current;
  }

  /** The latest socket, open or not (to look at how it closed). */
  get lastSocket(): VenusSocket | undefined {
    return this.current;
  }

  get connected(): boolean {
    return this.current?.isOpen ?? false;
  }

  /**
   * Opens `/ws` with the current access token and resolves with the welcome, the token already
   * replaced when it rotated. Events from the first frame after the welcome on go to `events`.
   */
  async connect(options: ConnectOptions = {}): Promise<WelcomeFrame> {
    if (this.connected) throw new Error("already connected: close() or reconnect()");
    const socket = await VenusSocket.connect(
      this.wsUrl,
      {
        accessToken: this.accessTokenValue,
        client: this.options.client ?? { kind: "web", version: BOT_CLIENT_VERSION },
        ...(options.sync ? { sync: options.sync } : {}),
      },
      {
        ...this.options.socket,
        ...(this.options.msgpack ? { msgpack: true } : {}),
        events: this.events,
        onWelcome: (welcome) => {
          if (welcome.access_token !== undefined) this.accessTokenValue = welcome.access_token;
        },
      },
    );
    this.current = socket;
    return socket.welcome;
  }

  /**
   * Closes the socket (if open) and connects again, as a client does after a drop. A hello refused
   * with `token_expired` or `invalid_token` is followed by a refresh and one more try
   * (docs/protocol.md, "The client flow").
   */
  async reconnect(options: ConnectOptions = {}): Promise<WelcomeFrame> {
    await this.close();
    try {
      return await this.connect(options);
    } catch (error) {
      if (!(error instanceof VenusSocketError) || !["token_expired", "invalid_token"].includes(error.code))
        throw error;
      await this.refreshTokens();
      return this.connect(options);
    }
  }

  /**
   * `POST /account/refresh` with the session's refresh token: a new token pair. The server ends the
   * session's socket (`tokens_refreshed`), so a connected client reconnects with the new token.
   */
  async refresh(): Promise<LoginResponse> {
    const wasConnected = this.connected;
    const tokens = await this.refreshTokens();
    if (wasConnected) await this.reconnect();
    return tokens;
  }

  /** `POST /account/logout`, then waits for the server to close the socket (`logged_out`). */
  async logout(): Promise<SocketClosed | undefined> {
    await this.account.logout();
    return this.current?.closed;
  }

  /** Closes the socket, if any; resolves with how it closed. */
  async close(): Promise<SocketClosed | undefined> {
    return this.current?.close();
  }

  /** A WebSocket request on the connected socket (see VenusSocket.request). */
  request<M extends WsRequestMethod>(
    method: M,
    body: WsRequestMap[M]["request"],
  ): Promise<WsRequestMap[M]["response"]> {
    return this.socket.request(method, body);
  }

  /** Shortcut for `events.on`: runs for events of every connection of this client. */
  on<E extends EventName>(
    event: E,
    handler: (data: EventDataMap[E], event: VenusEvent<E>) => void,
  ): () => void {
    return this.events.on(event, handler);
  }

  /** Shortcut for `events.next`: the next event of this name, queued or still to come. */
  next<E extends EventName>(event: E, options?: WaitOptions<EventDataMap[E]>): Promise<EventDataMap[E]> {
    return this.events.next(event, options);
  }

  /** Shortcut for `events.take`. */
  take(matches: (event: AnyVenusEvent) => boolean, timeoutMs?: number): Promise<AnyVenusEvent> {
    return this.events.take(matches, timeoutMs);
  }

  private async refreshTokens(): Promise<LoginResponse> {
    const tokens = await this.account.refresh(this.refreshTokenValue);
    this.accessTokenValue = tokens.access_token;
    this.refreshTokenValue = tokens.refresh_token;
    return tokens;
  }
}
