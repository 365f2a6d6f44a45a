import { chatAccountToRow, pairKey } from "../chat-entities.js";
import type { ChatCache } from "../chat-cache.js";
import type { ChatContext } from "../context.js";

/** Takes the account out of every like, match and block in memory; resolves with the other sides. */
function forgetRelations(cache: ChatCache, accountId: string): Set<string> {
  const others = new Set<string>();
  for (const target of cache.likesSent.get(accountId) ?? []) {
    cache.likesReceived.get(target)?.delete(accountId);
    others.add(target);
  }
  for (const liker of cache.likesReceived.get(accountId)?.keys() ?? []) {
    cache.likesSent.get(liker)?.delete(accountId);
    others.add(liker);
  }
  for (const other of cache.matches.get(accountId)?.keys() ?? []) {
    cache.matches.get(other)?.delete(accountId);
    cache.conversations.delete(pairKey(accountId, other));
    cache.seenReceipts.get(other)?.delete(accountId);
    others.add(other);
  }
  for (const blocked of cache.blocks.get(accountId)?.keys() ?? [])
    cache.blockedBy.get(blocked)?.delete(accountId);
  for (const blocker of cache.blockedBy.get(accountId) ?? []) {
    cache.blocks.get(blocker)?.delete(accountId);
    others.add(blocker);
  }
  for (const map of [cache.likesSent, cache.likesReceived, cache.blocks, cache.blockedBy, cache.seenReceipts])
    map.delete(accountId);
  return others;
}

/**
 * Account deletion, chat's part: its likes, matches, blocks, keys, stored messages and receipts,
 * and the reports it made or that are about it, both ways (the other side's rows with it too), leave
 * memory and chat.sqlite in one commit. The
 * other sides' lists change: their versions move and their devices are told. Idempotent.
 */
export async function removeChatAccount(ctx: ChatContext, accountId: string): Promise<void> {
  const { cache } = ctx;
  // Sends that passed their checks before the account was hidden are stored first.
  await Promise.allSettled([...cache.sending.values()]);
  const matched = [...(cache.matches.get(accountId)?.keys() ?? [])];
  cache.messages.removeAccount(accountId, matched);
  const others = [...forgetRelations(cache, accountId)];
  cache.accounts.delete(accountId);
  ctx.reports.removeAccount(accountId);
  const changed = others.flatMap((id) => cache.accounts.get(id) ?? []);
  for (const account of changed) {
    account.likesVersion++;
    account.matchesVersion++;
  }
  await ctx.writer.write(() => {
    ctx.statements.deleteAccount(accountId);
    ctx.reportStatements.deleteAccount(accountId);
    for (const account of changed) ctx.statements.saveAccount(chatAccountToRow(account));
  });
  for (const id of others) {
    ctx.connections.publish(id, "matches_changed");
    ctx.connections.publish(id, "received_likes_changed");
  }
}
