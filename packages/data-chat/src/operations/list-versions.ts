import { chatAccountToRow, type ChatAccount } from "../chat-entities.js";
import type { ChatContext } from "../context.js";

/** Accounts whose matches list, and accounts whose received likes list, changed. */
export interface ChangedLists {
  matches: readonly string[];
  received_likes: readonly string[];
}

/**
 * Moves the sync versions of the lists that changed (in memory at once, then durably) and tells each
 * owner's devices (`matches_changed`, `received_likes_changed`).
 */
export async function moveListVersions(ctx: ChatContext, lists: ChangedLists): Promise<void> {
  const changed = new Set<ChatAccount>();
  const move = (ids: readonly string[], bump: (account: ChatAccount) => void) => {
    for (const id of ids) {
      const account = ctx.cache.accounts.get(id);
      if (!account) continue;
      bump(account);
      changed.add(account);
    }
  };
  move(lists.matches, (account) => account.matchesVersion++);
  move(lists.received_likes, (account) => account.likesVersion++);
  if (changed.size === 0) return;
  await ctx.writer.write(() => {
    for (const account of changed) ctx.statements.saveAccount(chatAccountToRow(account));
  });
  for (const id of lists.matches) ctx.connections.publish(id, "matches_changed");
  for (const id of lists.received_likes) ctx.connections.publish(id, "received_likes_changed");
}

/**
 * The account went out of use or came back (a ban or its end, a deletion asked for or cancelled):
 * the others' lists that name it show it or hide it from now on. Its matches' matches lists and the
 * received likes of those it liked move; pairs across a block, hidden from those lists anyway, do not.
 */
export function accountShownChanged(ctx: ChatContext, accountId: string): Promise<void> {
  const { cache } = ctx;
  const shown = (other: string) => !cache.blockedEitherWay(accountId, other);
  return moveListVersions(ctx, {
    matches: [...(cache.matches.get(accountId)?.keys() ?? [])].filter(shown),
    received_likes: [...(cache.likesSent.get(accountId) ?? [])].filter(shown),
  });
}
