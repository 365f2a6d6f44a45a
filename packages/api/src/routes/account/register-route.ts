import { register } from "@venus/data-account";
import { ErrorResponse, RegisterRequest, RegisterResponse } from "@venus/model";
import { json, publicRoute } from "../../route.js";

export const registerRoute = publicRoute(
  {
    method: "post",
    path: "/account/register",
    summary: "Create an account with email and password; a verification mail goes to the address",
    tag: "account",
    body: RegisterRequest,
    responses: {
      201: { description: "Created", schema: RegisterResponse },
      403: { description: "registration_disabled", schema: ErrorResponse },
      409: { description: "email_taken", schema: ErrorResponse },
      429: { description: "rate_limited", schema: ErrorResponse },
      503: { description: "busy (too many mails wait to be sent)", schema: ErrorResponse },
    },
  },
  async ({ http, body, deps }) =>
    json(201, {
      account_id: await register(deps.account, body, http.remoteAddress),
    }),
);
