import type { ProfileContentImage, ProfileContentResponse } from "@venus/model";
import type { MediaContext } from "../context.js";
import { newMediaAccount, type Content } from "../media-entities.js";
import { sizesOf } from "./sizes.js";

const image = (content: Content): ProfileContentImage => ({
  content_id: content.id,
  state: content.state,
  sizes: sizesOf(content),
});

/**
 * An account's profile images. `full` (the owner, admins) shows every chosen image with its state and
 * the security selfie; otherwise only accepted images are listed, and the crop only when the face image
 * itself is shown first.
 */
export function presentProfileContent(
  ctx: MediaContext,
  accountId: string,
  full: boolean,
): ProfileContentResponse {
  const account = ctx.cache.accounts.get(accountId) ?? newMediaAccount(accountId);
  const chosen = account.images
    .map((id) => ctx.cache.content.get(id))
    .filter((content): content is Content => content !== undefined);
  const shown = full ? chosen : chosen.filter((content) => content.state === "accepted");
  const selfie = account.securitySelfie === null ? undefined : ctx.cache.content.get(account.securitySelfie);
  return {
    account_id: accountId,
    images: shown.map(image),
    crop: shown[0] !== undefined && shown[0].id === account.images[0] ? account.crop : null,
    ...(full ? { security_selfie: selfie ? image(selfie) : null } : {}),
    verified: account.verification.state === "verified",
    ...(full ? { verification: account.verification.state } : {}),
    version: account.version,
  };
}

/** Whether others may be served this content: accepted and one of the profile images. */
export function isPublicProfileImage(ctx: MediaContext, content: Content): boolean {
  if (content.state !== "accepted" || content.deletedAt !== null) return false;
  return ctx.cache.accounts.get(content.accountId)?.images.includes(content.id) ?? false;
}
