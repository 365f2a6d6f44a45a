import { DAY_MS } from "@venus/data-common";
import type { MediaContext } from "../context.js";
import { isInUse } from "../media-entities.js";
import { saveMedia } from "./save-media.js";

/**
 * The tidy-up of content: an item neither in the profile nor the security selfie, uploaded more than
 * `tidy_up.unused_content_days` ago, is deleted as if its owner had deleted it (its files are purged
 * after `media.delete_wait_days`). Resolves with how many.
 */
export async function deleteUnusedContent(ctx: MediaContext): Promise<number> {
  const days = ctx.config.tidy_up.unused_content_days;
  if (days === 0) return 0;
  const now = ctx.now();
  let deleted = 0;
  for (const account of ctx.cache.accounts.values()) {
    const unused = account.content.filter(
      (content) => now - content.uploadedAt > days * DAY_MS && !isInUse(account, content.id),
    );
    if (unused.length === 0) continue;
    for (const content of unused) {
      content.deletedAt = now;
      ctx.cache.moderation.remove(content.id);
    }
    account.content = account.content.filter((content) => !unused.includes(content));
    await saveMedia(ctx, account, unused);
    deleted += unused.length;
  }
  return deleted;
}
