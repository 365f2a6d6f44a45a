import { likeProfile, matchesPageOf, receivedLikesOf } from "@venus/data-all";
import { resetNewLikes } from "@venus/data-chat";
import { AccountIdRequest, LikeResponse, MatchesPage, NewLikesCount, ReceivedLikesPage } from "@venus/model";
import { PAGE_CURSOR_QUERY, pageCursor } from "../../query.js";
import { json, userRoute } from "../../route.js";

export const likeRoute = userRoute(
  {
    method: "post",
    path: "/chat/like",
    summary: "Like a profile the caller can see; a like back makes a match (both get `match`)",
    tag: "chat",
    body: AccountIdRequest,
    errors: ["blocked_or_not_found", "invalid_state", "daily_like_limit"],
    responses: {
      200: { description: "Liked (again: no change, no cost)", schema: LikeResponse },
    },
  },
  async ({ auth, body, deps }) => json(200, await likeProfile(deps, auth.account, body.account_id)),
);

export const receivedLikesRoute = userRoute(
  {
    method: "get",
    path: "/chat/likes/received",
    summary: "Likes the caller received, newest first, and how many are new",
    tag: "chat",
    query: PAGE_CURSOR_QUERY,
    responses: {
      200: { description: "A page", schema: ReceivedLikesPage },
    },
  },
  ({ http, auth, deps }) => json(200, receivedLikesOf(deps, auth.account, pageCursor(http))),
);

export const resetNewLikesRoute = userRoute(
  {
    method: "post",
    path: "/chat/likes/received/reset_new",
    summary: "The client has shown the new likes: the new count starts over at 0",
    tag: "chat",
    responses: { 200: { description: "The new count", schema: NewLikesCount } },
  },
  async ({ auth, deps }) => {
    await resetNewLikes(deps.chat, auth.account.id);
    return json(200, { new_count: 0 });
  },
);

export const matchesRoute = userRoute(
  {
    method: "get",
    path: "/chat/matches",
    summary: "The caller's matches, newest first",
    tag: "chat",
    query: PAGE_CURSOR_QUERY,
    responses: {
      200: { description: "A page", schema: MatchesPage },
    },
  },
  ({ http, auth, deps }) => json(200, matchesPageOf(deps, auth.account, pageCursor(http))),
);
