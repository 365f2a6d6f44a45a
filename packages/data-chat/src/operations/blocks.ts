import { invalidField } from "@venus/model";
import { chatAccountToRow } from "../chat-entities.js";
import type { ChatContext } from "../context.js";

/**
 * Blocks and unblocks change what both accounts see of each other (lists, profiles, messaging), so
 * both lists' sync versions move; only the one who acted is told at once.
 */
async function changeBlock(ctx: ChatContext, blocker: string, blocked: string, add: boolean): Promise<void> {
  const { cache } = ctx;
  if (blocker === blocked) throw invalidField("account_id", "cannot block yourself");
  if (cache.hasBlocked(blocker, blocked) === add) return;
  const now = ctx.now();
  if (add) cache.addBlock(blocker, blocked, now);
  else cache.removeBlock(blocker, blocked);
  const accounts = [cache.account(blocker), cache.account(blocked)];
  for (const account of accounts) {
    account.likesVersion++;
    account.matchesVersion++;
  }
  await ctx.writer.write(() => {
    if (add) ctx.statements.insertBlock({ blocker, blocked, blocked_at: now });
    else ctx.statements.deleteBlock(blocker, blocked);
    for (const account of accounts) ctx.statements.saveAccount(chatAccountToRow(account));
  });
  ctx.connections.publish(blocker, "matches_changed");
  ctx.connections.publish(blocker, "received_likes_changed");
}

export const block = (ctx: ChatContext, blocker: string, blocked: string) =>
  changeBlock(ctx, blocker, blocked, true);

export const unblock = (ctx: ChatContext, blocker: string, blocked: string) =>
  changeBlock(ctx, blocker, blocked, false);

/** The accounts `blocker` blocked, oldest first. */
export const blockedAccounts = (ctx: ChatContext, blocker: string): string[] => [
  ...(ctx.cache.blocks.get(blocker)?.keys() ?? []),
];
