import type { MatchesPage } from "@venus/model";
import type { ChatContext } from "../context.js";
import { newestFirstPage } from "../newest-first-page.js";

export const isMatch = (ctx: ChatContext, a: string, b: string): boolean =>
  ctx.cache.conversation(a, b) !== undefined;

/** The owner's matches, newest first, without pairs where either blocked the other or `hidden` ones. */
export function matchesOf(
  ctx: ChatContext,
  accountId: string,
  after: string | undefined,
  hidden: (accountId: string) => boolean,
): MatchesPage {
  const { cache } = ctx;
  const other = (c: { low: string; high: string }) => (c.low === accountId ? c.high : c.low);
  const page = newestFirstPage(
    cache.matches.get(accountId)?.values() ?? [],
    after,
    ctx.config.chat.page_size,
    (c) => !cache.blockedEitherWay(accountId, other(c)) && !hidden(other(c)),
  );
  return {
    matches: page.items.map((c) => ({ account_id: other(c), matched_at: c.matchedAt })),
    next: page.next,
    version: cache.accounts.get(accountId)?.matchesVersion ?? 0,
  };
}
