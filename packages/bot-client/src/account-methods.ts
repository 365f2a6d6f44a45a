import type {
  AccountStateResponse,
  LoginRequest,
  LoginResponse,
  RegisterRequest,
  RegisterResponse,
  SetupRequest,
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

  /** `POST /account/setup` (state `initial_setup` only). */
  setup(request: SetupRequest): Promise<OkBody> {
    return this.http.post("/account/setup", request);
  }

  /** `POST /account/complete_setup`: needs the setup, a security selfie and a profile image. */
  completeSetup(): Promise<AccountStateResponse> {
    return this.http.post("/account/complete_setup");
  }
}
