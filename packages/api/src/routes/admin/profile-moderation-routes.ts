import { moderateText, moderationPage } from "@venus/data-profile";
import { ModerationDecisionRequest, ModerationQueuePage, OkResponse } from "@venus/model";
import { PAGE_CURSOR_QUERY, pageCursor } from "../../query.js";
import { json, userRoute } from "../../route.js";

export const moderationQueueRoute = userRoute(
  {
    method: "get",
    path: "/admin/profile/moderation",
    summary:
      "Names and texts waiting for moderation, oldest first; `?after=` takes the previous page's `next`",
    tag: "admin",
    permission: "moderate_texts",
    query: PAGE_CURSOR_QUERY,
    responses: {
      200: { description: "A page", schema: ModerationQueuePage },
    },
  },
  ({ http, deps }) => json(200, moderationPage(deps.profile, pageCursor(http))),
);

export const moderateRoute = userRoute(
  {
    method: "post",
    path: "/admin/profile/moderation",
    summary: "Accept or reject a pending name or text; the owner gets profile_changed",
    tag: "admin",
    permission: "moderate_texts",
    body: ModerationDecisionRequest,
    errors: ["not_found"],
    responses: {
      200: { description: "Recorded", schema: OkResponse },
    },
  },
  async ({ body, deps }) => {
    await moderateText(deps.profile, {
      accountId: body.account_id,
      field: body.field,
      accept: body.accept,
      reason: body.reason,
      changedAt: body.changed_at,
    });
    return json(200, { ok: true });
  },
);
