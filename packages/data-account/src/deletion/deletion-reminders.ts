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

/** In its wait, less than the reminder time before its deletion, and not yet reminded of this one. */
function reminderDue(ctx: AccountContext, account: Account, now: number): boolean {
  const { deletion } = account;
  if (account.state !== "pending_deletion" || !deletion || deletion.deleting || account.bot) return false;
  const before = ctx.config.push.deletion_reminder_seconds * 1000;
  return (
    now >= deletion.at - before &&
    now < deletion.at &&
    ctx.deletionReminders.remindedOf.get(account.id) !== deletion.at
  );
}

/**
 * Pushes `account_deletion_reminder` once per deletion, `push.deletion_reminder_seconds` before it:
 * the mark and the push cause commit together, so it goes out exactly once, across restarts too. A
 * deletion cancelled and asked for again is a new one, reminded again.
 */
export async function remindOfDeletions(ctx: AccountContext): Promise<number> {
  if (ctx.config.push.deletion_reminder_seconds === 0) return 0;
  const now = ctx.now();
  const due = [...ctx.cache.accounts.values()].filter((account) => reminderDue(ctx, account, now));
  if (due.length === 0) return 0;
  const { remindedOf, statements } = ctx.deletionReminders;
  await ctx.writer.write(() => {
    for (const account of due) {
      statements.set(account.id, account.deletion?.at ?? now);
      ctx.push.record(account.id, "account_deletion_reminder");
    }
  });
  for (const account of due) remindedOf.set(account.id, account.deletion?.at ?? now);
  return due.length;
}
