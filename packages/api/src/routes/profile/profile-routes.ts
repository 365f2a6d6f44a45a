import { Type } from "@sinclair/typebox";
import { viewProfile } from "@venus/data-all";
import { editProfile, presentOwnProfile } from "@venus/data-profile";
import { OwnProfile, ProfileEditRequest, ProfileResponse } from "@venus/model";
import { integerQuery } from "../../query.js";
import { json, userRoute } from "../../route.js";
import { ownProfile } from "./own-profile.js";

export const getOwnProfileRoute = userRoute(
  {
    method: "get",
    path: "/profile/me",
    summary: "The caller's own profile, with moderation states, location and settings",
    tag: "profile",
    errors: ["invalid_state"],
    responses: {
      200: { description: "Own profile", schema: OwnProfile },
    },
  },
  ({ auth, deps }) => json(200, presentOwnProfile(ownProfile(deps, auth), deps.profile.now())),
);

export const getProfileRoute = userRoute(
  {
    method: "get",
    path: "/profile/:account_id",
    summary: "A profile as the caller sees it; `?version=V` answers unchanged when V is current",
    tag: "profile",
    query: {
      version: { description: "The version the client has cached.", schema: Type.Integer({ minimum: 0 }) },
    },
    errors: ["not_found"],
    responses: {
      200: { description: "The profile, or unchanged", schema: ProfileResponse },
    },
  },
  ({ http, auth, deps }) => {
    const known = integerQuery(http, "version", "must be a non-negative integer");
    return json(200, viewProfile(deps, auth.account, http.params[0] as string, known));
  },
);

export const editProfileRoute = userRoute(
  {
    method: "put",
    path: "/profile",
    summary: "Edit the profile; a changed name or text goes to moderation",
    tag: "profile",
    body: ProfileEditRequest,
    errors: ["invalid_state"],
    responses: {
      200: { description: "The edited profile", schema: OwnProfile },
    },
  },
  async ({ auth, body, deps }) => {
    const profile = ownProfile(deps, auth);
    await editProfile(deps.profile, profile, body);
    return json(200, presentOwnProfile(profile, deps.profile.now()));
  },
);
