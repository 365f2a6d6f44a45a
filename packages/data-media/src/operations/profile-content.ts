import { VenusError, type FaceCrop, invalidField } from "@venus/model";
import type { MediaContext } from "../context.js";
import { centredCrop, cropAroundFace, cropFits } from "../face-crop.js";
import type { Content, MediaAccount } from "../media-entities.js";
import { reverify, verificationPair } from "../verification.js";
import { saveMedia } from "./save-media.js";

/** Own, live, not rejected content: what may go into the profile or be the security selfie. */
function usableContent(ctx: MediaContext, account: MediaAccount, contentId: string): Content {
  const content = ctx.cache.content.get(contentId);
  if (!content || content.accountId !== account.accountId || content.deletedAt !== null)
    throw new VenusError("content_not_usable", `content ${contentId} is not one of the account's items`);
  if (content.state === "rejected")
    throw new VenusError("content_not_usable", `content ${contentId} was rejected by moderation`);
  return content;
}

/**
 * Sets the profile's images (1–6, the first is the face image) and the grid crop of the face image
 * (default: around the largest face the detector found, else the largest centred square). Waiting content may be chosen; others see an image only once
 * it is accepted.
 */
export async function setProfileContent(
  ctx: MediaContext,
  accountId: string,
  images: readonly string[],
  crop: FaceCrop | undefined,
): Promise<void> {
  const account = ctx.cache.account(accountId);
  const chosen = images.map((id) => usableContent(ctx, account, id));
  if (account.securitySelfie !== null && images.includes(account.securitySelfie))
    throw new VenusError("content_not_usable", "the security selfie cannot also be a profile image");
  const face = (chosen[0] as Content).files[0];
  if (!face) throw new VenusError("content_not_usable", "the face image has no files");
  if (crop && !cropFits(crop, face.width, face.height))
    throw invalidField("crop", "the crop square does not fit inside the face image");
  account.images = [...images];
  const largestFace = (chosen[0] as Content).analysis?.faces?.[0];
  account.crop =
    crop ??
    (largestFace
      ? cropAroundFace(largestFace, face.width, face.height)
      : centredCrop(face.width, face.height));
  updateVerification(ctx, account);
  await saveMedia(ctx, account);
  // Waiting images are now ones others would see once accepted: worth a moderator's look now.
  if (chosen.some((content) => content.state === "waiting")) ctx.moderationQueued.raise("images");
}

/** Sets the security selfie: a photo only the owner and admins see, for verifying the person. */
export async function setSecuritySelfie(
  ctx: MediaContext,
  accountId: string,
  contentId: string,
): Promise<void> {
  const account = ctx.cache.account(accountId);
  usableContent(ctx, account, contentId);
  if (account.images.includes(contentId))
    throw new VenusError("content_not_usable", "a profile image cannot also be the security selfie");
  account.securitySelfie = contentId;
  updateVerification(ctx, account);
  await saveMedia(ctx, account);
}

/** What `complete_setup` needs of media: a security selfie and at least one profile image. */
export function hasSetupMedia(ctx: MediaContext, accountId: string): boolean {
  const account = ctx.cache.accounts.get(accountId);
  return account !== undefined && account.securitySelfie !== null && account.images.length > 0;
}

/** Re-judges verification after the selfie or the face image may have changed (verification.ts). */
function updateVerification(ctx: MediaContext, account: MediaAccount): void {
  const { selfie, face } = verificationPair(account, ctx.cache.content);
  account.verification = reverify(account.verification, selfie, face, ctx.config.media.verify_min_similarity);
}
