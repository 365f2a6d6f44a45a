import type { DeletionReminderStatements } from "@venus/database";
import type { VenusConfig } from "@venus/model";
import type { Account } from "../cache/account-entity.js";
import type { AccountContext } from "../context.js";

const DAY_MS = 86_400_000;

/** Which deletion (its time) each account was reminded of (`deletion_reminder`, loaded at start-up). */
export class DeletionReminders {
  readonly remindedOf = new Map<string, number>();

  constructor(readonly statements: DeletionReminderStatements) {
    for (const row of statements.all()) this.remindedOf.set(row.account_id, row.deletion_at);
  }
}

/** A reminder as long as the wait or longer would go out at the request: a config error. */
export function deletionReminderProblem(config: VenusConfig): string | undefined {
  const reminderMs = config.push.deletion_reminder_seconds * 1000;
  const waitMs = config.account.deletion_wait_days * DAY_MS;
  if (reminderMs > 0 && waitMs > 0 && reminderMs >= waitMs)
    return `${config.push.deletion_reminder_seconds} s is not shorter than account.deletion_wait_days (${config.account.deletion_wait_days} days)`;
  return undefined;
}

/** The deletion's time when the account is in its wait, within the reminder time and not yet reminded. */
function deletionToRemind(ctx: AccountContext, account: Account, now: number): number | undefined {
  const { deletion } = account;
  if (account.state !== "pending_deletion" || !deletion || deletion.deleting || account.bot) return undefined;
  const before = ctx.config.push.deletion_reminder_seconds * 1000;
  const due = now >= deletion.at - before && now < deletion.at;
  return due && ctx.deletionReminders.remindedOf.get(account.id) !== deletion.at ? deletion.at : undefined;
}

/**
 * Pushes `account_deletion_reminder` once per deletion, `push.deletion_reminder_seconds` before it:
 * the mark and the push cause commit together, so it goes out exactly once, across restarts too. A
 * deletion cancelled and asked for again is a new one, reminded again.
 */
export async function remindOfDeletions(ctx: AccountContext): Promise<number> {
  if (ctx.config.push.deletion_reminder_seconds === 0) return 0;
  const now = ctx.now();
  const due: [string, number][] = [];
  for (const account of ctx.cache.accounts.values()) {
    const at = deletionToRemind(ctx, account, now);
    if (at !== undefined) due.push([account.id, at]);
  }
  if (due.length === 0) return 0;
  const { remindedOf, statements } = ctx.deletionReminders;
  await ctx.writer.write(() => {
    for (const [accountId, at] of due) {
      statements.set(accountId, at);
      ctx.push.record(accountId, "account_deletion_reminder");
    }
  });
  for (const [accountId, at] of due) remindedOf.set(accountId, at);
  return due.length;
}
