import type { AdminContentResponse } from "@venus/model";
import type { MediaContext } from "../context.js";
import { moderatorAnalysis } from "./moderator-analysis.js";
import { presentOwnContent } from "./own-content-presenter.js";

/**
 * An account's content as moderators see it: the owner's list with the detector findings and, for
 * an automatic decision, the rule and score that decided.
 */
export function presentAdminContent(ctx: MediaContext, accountId: string): AdminContentResponse {
  const own = presentOwnContent(ctx, accountId);
  return {
    ...own,
    items: own.items.map((item) => {
      const content = ctx.cache.content.get(item.content_id);
      return {
        ...item,
        analysis: content ? moderatorAnalysis(content) : null,
        decision: content?.decision ?? null,
        moderated_at: content?.moderatedAt ?? null,
      };
    }),
  };
}
