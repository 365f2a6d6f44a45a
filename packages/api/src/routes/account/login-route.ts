import { login } from "@venus/data-account";
import { recordAddress } from "@venus/data-history";
import { LoginRequest, LoginResponse } from "@venus/model";
import { json, publicRoute } from "../../route.js";
import { requireSupportedClient } from "./supported-client.js";

export const loginRoute = publicRoute(
  {
    method: "post",
    path: "/account/login",
    summary: "Sign in with email and password; returns a new token pair",
    tag: "account",
    body: LoginRequest,
    errors: ["client_update_required", "invalid_credentials", "account_locked", "rate_limited"],
    responses: {
      200: { description: "Signed in", schema: LoginResponse },
    },
  },
  async ({ http, body, deps }) => {
    requireSupportedClient(deps, body.client);
    const signedIn = await login(deps.account, body, http.remoteAddress);
    recordAddress(deps.history, signedIn.account_id, http.remoteAddress);
    return json(200, signedIn);
  },
);
