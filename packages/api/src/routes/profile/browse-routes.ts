import { startBrowsing } from "@venus/data-all";
import { nextBrowsePage } from "@venus/data-profile";
import {
  AttributeDefinitions,
  BrowseNextRequest,
  BrowsePage,
  BrowseResetRequest,
  BrowseResetResponse,
} from "@venus/model";
import { json, userRoute } from "../../route.js";
import { ownProfile } from "./own-profile.js";

export const browseResetRoute = userRoute(
  {
    method: "post",
    path: "/profile/page/reset",
    summary:
      "Start browsing profiles nearest first, with optional filters; also the WebSocket request profile.page.reset",
    tag: "profile",
    body: BrowseResetRequest,
    errors: ["invalid_state", "rate_limited"],
    responses: {
      200: { description: "The new session", schema: BrowseResetResponse },
    },
  },
  ({ auth, body, deps }) => json(200, { session_id: startBrowsing(deps, ownProfile(deps, auth), body) }),
);

export const browseNextRoute = userRoute(
  {
    method: "post",
    path: "/profile/page/next",
    summary: "The next page of the browse session; also the WebSocket request profile.page.next",
    tag: "profile",
    body: BrowseNextRequest,
    errors: ["invalid_state", "browse_session_expired", "rate_limited"],
    responses: {
      200: { description: "A page", schema: BrowsePage },
    },
  },
  ({ auth, body, deps }) => json(200, nextBrowsePage(deps.profile, ownProfile(deps, auth), body.session_id)),
);

export const attributesRoute = userRoute(
  {
    method: "get",
    path: "/profile/attributes",
    summary: "The attribute questions and answers profiles choose from",
    tag: "profile",
    responses: { 200: { description: "Definitions", schema: AttributeDefinitions } },
  },
  ({ deps }) => json(200, deps.profile.attributes.definitions),
);
