import { register } from "@venus/data-account";
import { RegisterRequest, RegisterResponse } from "@venus/model";
import { json, publicRoute } from "../../route.js";
import { requireSupportedClient } from "./supported-client.js";

export const registerRoute = publicRoute(
  {
    method: "post",
    path: "/account/register",
    summary: "Create an account with email and password; a verification mail goes to the address",
    tag: "account",
    body: RegisterRequest,
    errors: [
      "client_update_required",
      "registration_disabled",
      "email_domain_not_allowed",
      "disposable_email",
      "registration_cap_reached",
      "email_taken",
      "rate_limited",
      "busy",
    ],
    responses: {
      201: { description: "Created", schema: RegisterResponse },
    },
  },
  async ({ http, body, deps }) => {
    requireSupportedClient(deps, body.client);
    return json(201, { account_id: await register(deps.account, body, http.remoteAddress) });
  },
);
