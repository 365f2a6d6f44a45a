import { remoteBotLogin, requireRemoteBotLoginOpen } from "@venus/data-account";
import { LoginResponse, RemoteBotLoginRequest } from "@venus/model";
import { parseJsonBody } from "../../parse-body.js";
import { json, publicRoute, type ApiRoute } from "../../route.js";

const route = publicRoute(
  {
    method: "post",
    path: "/bot/remote_login",
    summary:
      "Sign in a bot account from another machine with the configured password (off unless bots.remote_login_password is set and the remote_bot_login_enabled flag is on)",
    tag: "bot",
    errors: [
      "invalid_json",
      "validation_failed",
      "invalid_credentials",
      "account_locked",
      "not_found",
      "rate_limited",
    ],
    responses: {
      200: { description: "Signed in", schema: LoginResponse },
    },
  },
  // The body is read only after the gate: a refused caller learns nothing, not even the schema.
  async ({ http, deps }) => {
    requireRemoteBotLoginOpen(deps.account, http.remoteAddress);
    const body = parseJsonBody(RemoteBotLoginRequest, http.body, deps.account.config.http.max_json_depth);
    return json(200, await remoteBotLogin(deps.account, body, http.remoteAddress));
  },
);

export const remoteBotLoginRoute: ApiRoute = { ...route, doc: { ...route.doc, body: RemoteBotLoginRequest } };
