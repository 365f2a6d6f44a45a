import { remoteBotLogin } from "@venus/data-account";
import { ErrorResponse, LoginResponse, RemoteBotLoginRequest } from "@venus/model";
import { json, publicRoute } from "../../route.js";

export const remoteBotLoginRoute = publicRoute(
  {
    method: "post",
    path: "/bot/remote_login",
    summary:
      "Sign in a bot account from another machine with the configured password (off unless bots.remote_login_password is set)",
    tag: "bot",
    body: RemoteBotLoginRequest,
    responses: {
      200: { description: "Signed in", schema: LoginResponse },
      401: {
        description: "invalid_credentials (wrong password, or not a bot account)",
        schema: ErrorResponse,
      },
      404: { description: "not_found: switched off, or the address is not allowed", schema: ErrorResponse },
      429: { description: "rate_limited (rate_limits.login_per_ip)", schema: ErrorResponse },
    },
  },
  async ({ http, body, deps }) => json(200, await remoteBotLogin(deps.account, body, http.remoteAddress)),
);
