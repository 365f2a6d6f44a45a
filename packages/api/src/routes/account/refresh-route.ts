import { refresh } from "@venus/data-account";
import { ErrorResponse, LoginResponse, RefreshRequest } from "@venus/model";
import { json, publicRoute } from "../../route.js";

export const refreshRoute = publicRoute(
  {
    method: "post",
    path: "/account/refresh",
    summary: "Exchange a refresh token for a new token pair",
    tag: "account",
    body: RefreshRequest,
    responses: {
      200: { description: "New tokens", schema: LoginResponse },
      401: {
        description: "invalid_token or refresh_token_reused (the session has ended)",
        schema: ErrorResponse,
      },
    },
  },
  async ({ body, deps }) => json(200, await refresh(deps.account, body.refresh_token)),
);
