import type { MediaModerationPage } from "@venus/model";
import type { MediaContext } from "../context.js";
import { moderatorAnalysis } from "./moderator-analysis.js";
import { sizesOf } from "./sizes.js";

/** One page of the image moderation queue, oldest upload first. */
export function presentMediaModerationPage(
  ctx: MediaContext,
  after: string | undefined,
): MediaModerationPage {
  const page = ctx.cache.moderation.page(after, ctx.config.media.moderation_page_size);
  const items: MediaModerationPage["items"] = [];
  for (const { accountId, contentId } of page.items) {
    const content = ctx.cache.content.get(contentId);
    if (!content) continue;
    const owner = ctx.cache.accounts.get(accountId);
    items.push({
      account_id: accountId,
      content_id: contentId,
      uploaded_at: content.uploadedAt,
      sizes: sizesOf(content),
      security_selfie: owner?.securitySelfie === contentId,
      in_profile: owner?.images.includes(contentId) ?? false,
      face_image: owner?.images[0] === contentId,
      analysis: moderatorAnalysis(content),
    });
  }
  return { items, next: page.next };
}
