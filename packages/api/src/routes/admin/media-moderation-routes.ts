import { moderateContent, presentMediaModerationPage } from "@venus/data-media";
import { MediaModerationPage, MediaModerationRequest, OkResponse } from "@venus/model";
import { PAGE_CURSOR_QUERY, pageCursor } from "../../query.js";
import { json, userRoute } from "../../route.js";

export const mediaModerationQueueRoute = userRoute(
  {
    method: "get",
    path: "/admin/media/moderation",
    summary: "Images waiting for moderation, oldest first; `?after=` takes the previous page's `next`",
    tag: "admin",
    permission: "moderate_images",
    query: PAGE_CURSOR_QUERY,
    responses: {
      200: { description: "A page", schema: MediaModerationPage },
    },
  },
  ({ http, deps }) => json(200, presentMediaModerationPage(deps.media, pageCursor(http))),
);

export const moderateContentRoute = userRoute(
  {
    method: "post",
    path: "/admin/media/moderation",
    summary:
      "Accept or reject waiting content (a rejection needs a category); the owner gets media_content_changed",
    tag: "admin",
    permission: "moderate_images",
    body: MediaModerationRequest,
    errors: ["not_found"],
    responses: {
      200: { description: "Recorded", schema: OkResponse },
    },
  },
  async ({ body, deps }) => {
    await moderateContent(deps.media, {
      accountId: body.account_id,
      contentId: body.content_id,
      accept: body.accept,
      category: body.category,
      details: body.details,
      rule: body.rule,
      score: body.score,
    });
    return json(200, { ok: true });
  },
);
