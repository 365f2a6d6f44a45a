import type { Account } from "../cache/account-entity.js";
import type { AccountContext } from "../context.js";
import { endAccountSessions } from "../operations/sessions.js";
import { deletionDue } from "./deletion-rules.js";
import { writeDeletion } from "./request-deletion.js";

/**
 * The first step of removing an account, and its durable intent: the account is marked `deleting`
 * (committed before anything is removed, so start-up finishes what a crash interrupts) and every
 * session ends (its devices get `account_deleted`). Hidden everywhere from here on.
 */
export async function markDeleting(ctx: AccountContext, account: Account): Promise<void> {
  const wasMarked = account.deletion?.deleting === true;
  if (!wasMarked) {
    const stateBefore = account.deletion?.stateBefore ?? account.ban?.stateBefore ?? account.state;
    account.deletion = {
      at: Math.min(account.deletion?.at ?? Infinity, ctx.now()),
      stateBefore,
      deleting: true,
    };
    account.state = "pending_deletion";
    account.ban = null;
    account.syncVersion++;
  }
  await Promise.all([
    endAccountSessions(ctx, account.id, "account_deleted"),
    wasMarked ? undefined : writeDeletion(ctx, account),
  ]);
}

/**
 * The last step: the account row and its sessions go, and with them the email (free for a new
 * account). Sessions a login made meanwhile end too. Idempotent.
 */
export async function removeAccountRow(ctx: AccountContext, account: Account): Promise<void> {
  for (const session of [...(ctx.cache.sessionsByAccount.get(account.id) ?? [])]) {
    ctx.cache.removeSession(session);
    ctx.connections.disconnectSession(session.id, "account_deleted");
  }
  if (ctx.cache.accounts.get(account.id) === account) ctx.cache.removeAccount(account);
  ctx.presence.forget(account.id);
  ctx.exports.forget(account.id);
  ctx.signIn.forgetAccount(account.id);
  ctx.deletionReminders.remindedOf.delete(account.id);
  await ctx.writer.write(() => ctx.statements.deleteAccount(account.id));
}

/** Accounts the daily task deletes now: their wait is over, or their removal had begun. */
export function dueDeletions(ctx: AccountContext): Account[] {
  const now = ctx.now();
  return [...ctx.cache.accounts.values()].filter((a) => a.deletion !== null && deletionDue(a.deletion, now));
}

/** Accounts whose removal began and did not finish (a crash): start-up finishes them. */
export const unfinishedDeletions = (ctx: AccountContext): Account[] =>
  [...ctx.cache.accounts.values()].filter((a) => a.deletion?.deleting === true);
