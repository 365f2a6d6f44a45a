import { DAY_MS } from "@venus/data-common";
import type { UnusedWarningStatements } from "@venus/database";
import type { Account } from "../cache/account-entity.js";
import type { AccountContext } from "../context.js";
import { enterDeletionWait } from "../deletion/request-deletion.js";

/** When each unused account was warned (`unused_warning`, loaded at start-up). */
export class UnusedWarnings {
  readonly at = new Map<string, number>();

  constructor(readonly statements: UnusedWarningStatements) {
    for (const row of statements.all()) this.at.set(row.account_id, row.warned_at);
  }
}

/** Accounts the tidy-up looks at: people's, not admins' or bots', and not already on their way out. */
const tidyable = (account: Account) =>
  !account.bot &&
  account.permissions.size === 0 &&
  (account.state === "normal" || account.state === "initial_setup");

/**
 * The tidy-up of unused accounts: an account not seen for `tidy_up.unused_account_days` gets a
 * warning mail; still not seen `tidy_up.warning_days` after it, it enters the normal deletion wait
 * (`onDeletionWait` hides it everywhere). An account seen again loses its warning.
 */
export async function tidyUnusedAccounts(
  ctx: AccountContext,
  onDeletionWait: (account: Account) => void,
): Promise<{ warned: number; deletion_started: number }> {
  const { unused_account_days: days, warning_days: warningDays } = ctx.config.tidy_up;
  const result = { warned: 0, deletion_started: 0 };
  if (days === 0) return result;
  const now = ctx.now();
  const warnings = ctx.unusedWarnings.at;
  const warn: Account[] = [];
  const forget: string[] = [];
  const due: Account[] = [];
  for (const account of ctx.cache.accounts.values()) {
    const lastUse = ctx.presence.isOnline(account.id)
      ? now
      : (ctx.presence.lastSeenAt(account.id) ?? account.createdAt);
    const warnedAt = warnings.get(account.id);
    if (!tidyable(account) || now - lastUse < days * DAY_MS) {
      if (warnedAt !== undefined) forget.push(account.id);
    } else if (warnedAt === undefined) warn.push(account);
    else if (lastUse < warnedAt && now - warnedAt >= warningDays * DAY_MS) due.push(account);
  }
  if (warn.length > 0 || forget.length > 0) {
    await ctx.writer.write(() => {
      for (const id of forget) ctx.unusedWarnings.statements.delete(id);
      for (const account of warn) {
        ctx.unusedWarnings.statements.set(account.id, now);
        if (account.emailVerified)
          ctx.mail.queue("unused_account_warning", account.language ?? undefined, account.email, {
            days: String(Math.floor(days)),
            deletion_days: String(Math.ceil(warningDays)),
          });
      }
    });
    for (const id of forget) warnings.delete(id);
    for (const account of warn) warnings.set(account.id, now);
    ctx.mail.sendSoon();
  }
  for (const account of due) {
    await enterDeletionWait(ctx, account, () => onDeletionWait(account));
    result.deletion_started++;
  }
  result.warned = warn.length;
  return result;
}
