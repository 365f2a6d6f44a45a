import { decideVerification, presentVerificationQueue } from "@venus/data-media";
import { OkResponse, VerificationDecisionRequest, VerificationQueue } from "@venus/model";
import { json, userRoute } from "../../route.js";

export const verificationQueueRoute = userRoute(
  {
    method: "get",
    path: "/admin/media/verification",
    summary: "Accounts whose security selfie and first profile image a human must compare, oldest first",
    tag: "admin",
    permission: "moderate_images",
    responses: { 200: { description: "The queue's head", schema: VerificationQueue } },
  },
  ({ deps }) => json(200, presentVerificationQueue(deps.media)),
);

export const decideVerificationRoute = userRoute(
  {
    method: "post",
    path: "/admin/media/verification",
    summary: "Verify an account, or not, for the selfie and face image compared",
    tag: "admin",
    permission: "moderate_images",
    body: VerificationDecisionRequest,
    errors: ["not_found"],
    responses: { 200: { description: "Recorded", schema: OkResponse } },
  },
  async ({ body, deps }) => {
    await decideVerification(deps.media, {
      accountId: body.account_id,
      selfieId: body.security_selfie,
      faceId: body.face_image,
      verified: body.verified,
    });
    return json(200, { ok: true });
  },
);
