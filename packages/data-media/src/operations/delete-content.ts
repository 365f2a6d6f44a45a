import { VenusError } from "@venus/model";
import type { MediaContext } from "../context.js";
import { isInUse } from "../media-entities.js";
import { saveMedia } from "./save-media.js";

/**
 * The owner deletes a content item: it leaves the list and the moderation queue at once and stops
 * being served; its files stay (for reports) until the daily task purges them after
 * `media.delete_wait_days`. Content in the profile or used as the security selfie cannot be deleted.
 */
export async function deleteContent(ctx: MediaContext, accountId: string, contentId: string): Promise<void> {
  const account = ctx.cache.accounts.get(accountId);
  const content = ctx.cache.content.get(contentId);
  if (!account || !content || content.accountId !== accountId || content.deletedAt !== null)
    throw new VenusError("not_found", "no such content");
  if (isInUse(account, contentId)) throw new VenusError("content_in_use");
  content.deletedAt = ctx.now();
  account.content = account.content.filter((item) => item.id !== contentId);
  ctx.cache.moderation.remove(contentId);
  await saveMedia(ctx, account, [content]);
}
