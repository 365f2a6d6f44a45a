import { leftToday } from "@venus/data-common";
import type { OwnContentResponse } from "@venus/model";
import type { MediaContext } from "../context.js";
import { isInUse, newMediaAccount } from "../media-entities.js";
import { sizesOf } from "./sizes.js";

/** The owner's content list with states, rejections and limits. */
export function presentOwnContent(ctx: MediaContext, accountId: string): OwnContentResponse {
  const account = ctx.cache.accounts.get(accountId) ?? newMediaAccount(accountId);
  const { media } = ctx.config;
  return {
    items: account.content.map((content) => ({
      content_id: content.id,
      state: content.state,
      rejection: content.rejection,
      sizes: sizesOf(content),
      uploaded_at: content.uploadedAt,
      in_use: isInUse(account, content.id),
    })),
    max_items: media.max_items_per_account,
    uploads_left_today: leftToday(account.uploads, ctx.flags.get("uploads_per_day"), ctx.now()),
    version: account.version,
  };
}
