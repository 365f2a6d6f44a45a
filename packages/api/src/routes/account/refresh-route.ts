import { refresh } from "@venus/data-account";
import { recordAddress } from "@venus/data-history";
import { LoginResponse, RefreshRequest } from "@venus/model";
import { json, publicRoute } from "../../route.js";

export const refreshRoute = publicRoute(
  {
    method: "post",
    path: "/account/refresh",
    summary: "Exchange a refresh token for a new token pair",
    tag: "account",
    body: RefreshRequest,
    errors: ["invalid_token", "refresh_token_reused"],
    responses: {
      200: { description: "New tokens", schema: LoginResponse },
    },
  },
  async ({ http, body, deps }) => {
    const tokens = await refresh(deps.account, body.refresh_token);
    recordAddress(deps.history, tokens.account_id, http.remoteAddress);
    return json(200, tokens);
  },
);
