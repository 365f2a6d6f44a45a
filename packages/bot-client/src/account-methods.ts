import type {
  AccountStateResponse,
  DataExportStatus,
  ClientConfig,
  EmailLoginRequest,
  EmailLoginStarted,
  LoginRequest,
  LoginResponse,
  PasswordResetConfirmRequest,
  RegisterRequest,
  RegisterResponse,
  SetupRequest,
  SignInResponse,
} from "@venus/model";
import type { HttpApi } from "./http-api.js";
import type { OkBody } from "./wire-types.js";

/**
 * `/account/…` routes. `register`, `login` and `refresh` are public and only call the route; a
 * VenusClient's own `login()`/`refresh()`/`logout()` also keep its tokens and socket in step.
 */
export class AccountMethods {
  constructor(private readonly http: HttpApi) {}

  /** `POST /account/register` → `201 {account_id}`. */
  register(request: RegisterRequest): Promise<RegisterResponse> {
    return this.http.json({ method: "POST", path: "/account/register", json: request, auth: false });
  }

  /** `POST /account/login`: a new session's token pair. */
  login(request: LoginRequest): Promise<LoginResponse> {
    return this.http.json({ method: "POST", path: "/account/login", json: request, auth: false });
  }

  /** `POST /account/password_reset/request`: a client token; a code is mailed when the address has an account. */
  requestPasswordReset(request: EmailLoginRequest): Promise<EmailLoginStarted> {
    return this.http.json({
      method: "POST",
      path: "/account/password_reset/request",
      json: request,
      auth: false,
    });
  }

  /** `POST /account/password_reset/confirm`: sets the password, ends every session, and signs in anew. */
  confirmPasswordReset(request: PasswordResetConfirmRequest): Promise<SignInResponse> {
    return this.http.json({
      method: "POST",
      path: "/account/password_reset/confirm",
      json: request,
      auth: false,
    });
  }

  /** `POST /account/refresh`: a new token pair (the session's sockets get `tokens_refreshed`). */
  refresh(refreshToken: string): Promise<LoginResponse> {
    return this.http.json({
      method: "POST",
      path: "/account/refresh",
      json: { refresh_token: refreshToken },
      auth: false,
    });
  }

  /** `POST /account/logout`: ends this session; its socket gets `logged_out`. */
  logout(): Promise<OkBody> {
    return this.http.post("/account/logout");
  }

  /** `GET /account/state`. */
  state(): Promise<AccountStateResponse> {
    return this.http.get("/account/state");
  }

  /** `PUT /account/language`: mails and news in `language` (null: the server's default). */
  setLanguage(language: string | null): Promise<AccountStateResponse> {
    return this.http.put("/account/language", { language });
  }

  /**
   * `GET /account/client_config` (public): the runtime flags clients depend on; a change comes as the
   * `client_config_changed` event.
   */
  clientConfig(): Promise<ClientConfig> {
    return this.http.json({ method: "GET", path: "/account/client_config", auth: false });
  }

  /** `POST /account/setup` (state `initial_setup` only). */
  setup(request: SetupRequest): Promise<OkBody> {
    return this.http.post("/account/setup", request);
  }

  /** `POST /account/complete_setup`: needs the setup, a security selfie and a profile image. */
  completeSetup(): Promise<AccountStateResponse> {
    return this.http.post("/account/complete_setup");
  }

  /**
   * `POST /account/delete`: hidden at once, deleted after the server's wait unless cancelled. The
   * password is needed unless the account has none (bots).
   */
  requestDeletion(password?: string): Promise<AccountStateResponse> {
    return this.http.post("/account/delete", password === undefined ? {} : { password });
  }

  /** `POST /account/delete/cancel`: keeps the account while the wait runs. */
  cancelDeletion(): Promise<AccountStateResponse> {
    return this.http.post("/account/delete/cancel");
  }

  /** `POST /account/export`: starts building the data export ZIP (`data_export_ready` when done). */
  requestExport(): Promise<DataExportStatus> {
    return this.http.post("/account/export");
  }

  /** `GET /account/export`: none, building, ready or expired. */
  exportStatus(): Promise<DataExportStatus> {
    return this.http.get("/account/export");
  }

  /** `GET /account/export/download`: the ZIP's bytes, once (the server removes it as it sends it). */
  async downloadExport(): Promise<Buffer> {
    return (await this.http.binary({ method: "GET", path: "/account/export/download" })).body;
  }
}
