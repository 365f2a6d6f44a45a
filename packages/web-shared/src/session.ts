import type {
  ClientKind,
  EmailLoginStarted,
  EmailLoginRequest,
  EmailLoginVerifyRequest,
  LoginRequest,
  LoginResponse,
  RefreshRequest,
  SignInResponse,
  WelcomeFrame,
} from "@venus/model";
import { ApiClient } from "./api-client.js";
import { LiveSocket, type SocketStatus } from "./live-socket.js";
import { TokenStore } from "./tokens.js";

export interface SessionOptions {
  /** Where this app keeps its tokens in sessionStorage. */
  storageKey: string;
  client: { kind: ClientKind; version: string };
  onStatus(status: SocketStatus, reason?: string): void;
  onWelcome?(welcome: WelcomeFrame): void;
}

/** One signed-in device of a web app: its tokens, its WebSocket, and the API calls that use both. */
export class Session {
  readonly api: ApiClient;
  readonly socket: LiveSocket;
  /** The app, as its hello names it; sign-ins name it too, to meet the minimum version early. */
  readonly client: SessionOptions["client"];
  private readonly tokens: TokenStore;

  constructor(options: SessionOptions) {
    this.client = options.client;
    this.tokens = new TokenStore(options.storageKey);
    const anonymous = new ApiClient(() => undefined);
    this.socket = new LiveSocket({
      client: options.client,
      tokens: this.tokens,
      refresh: (refresh_token) =>
        anonymous.anonymous<LoginResponse>("POST", "/account/refresh", {
          refresh_token,
        } satisfies RefreshRequest),
      ...(options.onWelcome ? { onWelcome: options.onWelcome } : {}),
      onStatus: (status, reason) => {
        if (status === "signed_out") this.tokens.clear();
        options.onStatus(status, reason);
      },
    });
    this.api = new ApiClient(
      () => this.socket.accessToken(),
      () => this.socket.ready(),
    );
  }

  get accountId(): string | undefined {
    return this.tokens.load()?.account_id;
  }

  /** Reconnects a tab that was signed in before a reload. */
  resume(): boolean {
    if (!this.tokens.load()) return false;
    this.socket.start();
    return true;
  }

  async signInWithPassword(email: string, password: string): Promise<void> {
    const body: LoginRequest = { email, password, client: this.client };
    this.begin(await this.api.anonymous<LoginResponse>("POST", "/account/login", body));
  }

  requestEmailCode(email: string): Promise<EmailLoginStarted> {
    const body: EmailLoginRequest = { email };
    return this.api.anonymous<EmailLoginStarted>("POST", "/account/email_login/request", body);
  }

  async verifyEmailCode(clientToken: string, code: string): Promise<void> {
    const body: EmailLoginVerifyRequest = { client_token: clientToken, code };
    this.begin(await this.api.anonymous<SignInResponse>("POST", "/account/email_login/verify", body));
  }

  /** Ends this device's session on the server, then here (even when the server cannot be reached). */
  async signOut(): Promise<void> {
    if (this.socket.open) await this.api.post("/account/logout").catch(() => undefined);
    this.socket.stop("logged_out");
  }

  /** Signs this device in with a token pair another route answered (a password reset, a provider's sign-in). */
  begin(tokens: LoginResponse): void {
    this.tokens.save({
      account_id: tokens.account_id,
      access_token: tokens.access_token,
      refresh_token: tokens.refresh_token,
    });
    this.socket.start();
  }
}
