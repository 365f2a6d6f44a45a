import type { VerificationQueue } from "@venus/model";
import type { MediaContext } from "../context.js";
import { similarityToSelfie } from "../verification.js";

/** Accounts waiting for a human verification, oldest media change first (a scan of the cache). */
export function presentVerificationQueue(ctx: MediaContext): VerificationQueue {
  const pending = [...ctx.cache.accounts.values()]
    .filter((account) => account.verification.state === "pending" && account.securitySelfie !== null)
    .sort((a, b) => a.editedAt - b.editedAt)
    .slice(0, ctx.config.media.moderation_page_size);
  return {
    items: pending.map((account) => {
      const selfie = ctx.cache.content.get(account.securitySelfie as string);
      return {
        account_id: account.accountId,
        security_selfie: account.securitySelfie as string,
        images: account.images.map((contentId) => ({
          content_id: contentId,
          similarity: similarityToSelfie(selfie, ctx.cache.content.get(contentId)),
        })),
        edited_at: account.editedAt,
      };
    }),
  };
}
