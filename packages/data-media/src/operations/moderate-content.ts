import { VenusError, type RejectionCategory, invalidField } from "@venus/model";
import type { MediaContext } from "../context.js";
import { saveMedia } from "./save-media.js";

export interface ContentDecision {
  accountId: string;
  contentId: string;
  accept: boolean;
  category?: RejectionCategory | undefined;
  details?: string | undefined;
  /** An automatic decision: the rule that decided and the score it compared. */
  rule?: string | undefined;
  score?: number | undefined;
}

/** Records a moderator's decision on waiting content; the owner gets `media_content_changed`. */
export async function moderateContent(ctx: MediaContext, decision: ContentDecision): Promise<void> {
  const content = ctx.cache.content.get(decision.contentId);
  const account = ctx.cache.accounts.get(decision.accountId);
  if (
    !content ||
    !account ||
    content.accountId !== decision.accountId ||
    !ctx.cache.moderation.has(content.id)
  )
    throw new VenusError("not_found", "that content does not wait for moderation");
  if (!decision.accept && decision.category === undefined)
    throw invalidField("category", "a rejection needs a category");
  content.state = decision.accept ? "accepted" : "rejected";
  content.rejection =
    decision.accept || decision.category === undefined
      ? null
      : { category: decision.category, details: decision.details ?? "" };
  content.moderatedAt = ctx.now();
  content.decision =
    decision.rule === undefined ? null : { rule: decision.rule, score: decision.score ?? null };
  ctx.cache.moderation.remove(content.id);
  await saveMedia(ctx, account, [content], "moderation");
}
