import { Type } from "@sinclair/typebox";
import { moderateText, moderationPage } from "@venus/data-profile";
import { ErrorResponse, ModerationDecisionRequest, ModerationQueuePage, OkResponse } from "@venus/model";
import { integerQuery } from "../../query.js";
import { json, userRoute } from "../../route.js";

export const moderationQueueRoute = userRoute(
  {
    method: "get",
    path: "/admin/profile/moderation",
    summary:
      "Names and texts waiting for moderation, oldest first; `?after=` takes the previous page's `next`",
    tag: "admin",
    permission: "moderate_texts",
    query: { after: { description: "The `next` of the previous page.", schema: Type.String() } },
    responses: {
      200: { description: "A page", schema: ModerationQueuePage },
      400: { description: "validation_failed (not a cursor)", schema: ErrorResponse },
      403: { description: "forbidden", schema: ErrorResponse },
    },
  },
  ({ http, deps }) => {
    const after = integerQuery(http, "after", "must be the `next` of a previous page");
    return json(200, moderationPage(deps.profile, after === undefined ? undefined : String(after)));
  },
);

export const moderateRoute = userRoute(
  {
    method: "post",
    path: "/admin/profile/moderation",
    summary: "Accept or reject a pending name or text; the owner gets profile_changed",
    tag: "admin",
    permission: "moderate_texts",
    body: ModerationDecisionRequest,
    responses: {
      200: { description: "Recorded", schema: OkResponse },
      404: { description: "not_found (nothing pending for that account and field)", schema: ErrorResponse },
    },
  },
  async ({ body, deps }) => {
    await moderateText(deps.profile, {
      accountId: body.account_id,
      field: body.field,
      accept: body.accept,
      reason: body.reason,
    });
    return json(200, { ok: true });
  },
);
