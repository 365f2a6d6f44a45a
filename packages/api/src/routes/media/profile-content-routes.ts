import { viewProfileContent } from "@venus/data-all";
import { setProfileContent, setSecuritySelfie } from "@venus/data-media";
import {
  ErrorResponse,
  OkResponse,
  ProfileContentResponse,
  SetProfileContentRequest,
  SetSecuritySelfieRequest,
} from "@venus/model";
import { json, userRoute } from "../../route.js";

const NOT_USABLE = {
  description: "content_not_usable (not the caller's, deleted, rejected, or used as the other kind)",
  schema: ErrorResponse,
};

export const setProfileContentRoute = userRoute(
  {
    method: "put",
    path: "/media/profile_content",
    summary: "Choose the profile images (1–6, the first is the face image) and the face image's grid crop",
    tag: "media",
    body: SetProfileContentRequest,
    responses: {
      200: { description: "Saved", schema: OkResponse },
      400: { description: "validation_failed (including a crop that does not fit)", schema: ErrorResponse },
      409: NOT_USABLE,
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
    responses: { 200: { description: "Saved", schema: OkResponse }, 409: NOT_USABLE },
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
    responses: {
      200: { description: "The images", schema: ProfileContentResponse },
      404: {
        description: "not_found (no such profile, or not visible to the caller)",
        schema: ErrorResponse,
      },
    },
  },
  ({ http, auth, deps }) => json(200, viewProfileContent(deps, auth.account, http.params[0] ?? "")),
);
