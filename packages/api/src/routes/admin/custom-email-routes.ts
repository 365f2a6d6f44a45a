import { Type } from "@sinclair/typebox";
import { sendCustomEmail, unsubscribeCustomEmail } from "@venus/data-account";
import { CustomEmailRequest, CustomEmailResponse, OkResponse, VenusError } from "@venus/model";
import { json, publicRoute, userRoute } from "../../route.js";

export const customEmailRoute = userRoute(
  {
    method: "post",
    path: "/admin/email",
    summary: "Queues a mail written by an admin to one account or to all, each with an unsubscribe link",
    tag: "admin",
    permission: "email_users",
    body: CustomEmailRequest,
    errors: [
      "not_found",
      "email_unsubscribed",
      "invalid_state",
      "email_to_all_too_soon",
      "rate_limited",
      "busy",
    ],
    responses: { 200: { description: "Queued", schema: CustomEmailResponse } },
  },
  async ({ auth, body, deps }) => json(200, await sendCustomEmail(deps.account, auth.account.id, body)),
);

export const unsubscribeRoute = publicRoute(
  {
    method: "get",
    path: "/account/unsubscribe",
    summary: "The link in custom mails: the account gets no more of them",
    tag: "account",
    query: { token: { description: "The token from the mail's link.", schema: Type.String() } },
    errors: ["not_found"],
    responses: { 200: { description: "Unsubscribed", schema: OkResponse } },
  },
  async ({ http, deps }) => {
    const token = http.query.get("token");
    if (!token) throw new VenusError("not_found", "no such unsubscribe link");
    await unsubscribeCustomEmail(deps.account, token);
    return json(200, { ok: true });
  },
);
