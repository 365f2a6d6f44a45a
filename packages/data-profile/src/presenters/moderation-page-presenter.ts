import type { ModerationQueuePage } from "@venus/model";
import type { ProfileContext } from "../context.js";

/** One page of the name/text moderation queue, oldest first, with the values to judge. */
export function moderationPage(ctx: ProfileContext, after: string | undefined): ModerationQueuePage {
  const page = ctx.cache.moderation.page(after, ctx.config.profile.moderation_page_size);
  return {
    items: page.items.flatMap((item) => {
      const profile = ctx.cache.profiles.get(item.accountId);
      if (!profile) return [];
      return [
        {
          account_id: item.accountId,
          field: item.field,
          value: profile[item.field].value,
          changed_at: item.changedAt,
        },
      ];
    }),
    next: page.next,
  };
}
