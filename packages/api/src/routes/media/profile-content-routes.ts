import { viewProfileContent } from "@venus/data-all";
import { setProfileContent, setSecuritySelfie } from "@venus/data-media";
import {
  OkResponse,
  ProfileContentResponse,
  SetProfileContentRequest,
  SetSecuritySelfieRequest,
} from "@venus/model";
import { json, userRoute } from "../../route.js";

export const setProfileContentRoute = userRoute(
  {
    method: "put",
    path: "/media/profile_content",
    summary: "Choose the profile images (1–6, the first is the face image) and the face image's grid crop",
    tag: "media",
    body: SetProfileContentRequest,
    errors: ["content_not_usable"],
    responses: {
      200: { description: "Saved", schema: OkResponse },
    },
  },
  async ({ body, auth, deps }) => {
    await setProfileContent(deps.media, auth.account.id, body.images, body.crop);
    return json(200, { ok: true });
  },
);

export const setSecuritySelfieRoute = userRoute(
  {
    method: "put",
    path: "/media/security_selfie",
    summary: "Choose the security selfie, seen only by the owner and admins",
    tag: "media",
    body: SetSecuritySelfieRequest,
    errors: ["content_not_usable"],
    responses: { 200: { description: "Saved", schema: OkResponse } },
  },
  async ({ body, auth, deps }) => {
    await setSecuritySelfie(deps.media, auth.account.id, body.content_id);
    return json(200, { ok: true });
  },
);

export const profileContentRoute = userRoute(
  {
    method: "get",
    path: "/media/profile_content/:account_id",
    summary: "An account's profile images as the caller may see them",
    tag: "media",
    errors: ["not_found"],
    responses: {
      200: { description: "The images", schema: ProfileContentResponse },
    },
  },
  ({ http, auth, deps }) => json(200, viewProfileContent(deps, auth.account, http.params[0] ?? "")),
);
