import { VenusError, type BanRequest } from "@venus/model";
import { banColumns, type Account } from "../cache/account-entity.js";
import type { AccountContext } from "../context.js";
import { banExpired, checkBanReason, parseBanUntil } from "../ban-rules.js";
import { publishAccountState } from "./publish-account-state.js";

/** Writes the accounts' ban state; with `push`, each account's devices get an `account` push. */
function writeBan(ctx: AccountContext, accounts: readonly Account[], push = false): Promise<void> {
  return ctx.writer.write(() => {
    for (const account of accounts) {
      ctx.statements.setBan({
        id: account.id,
        state: account.state,
        sync_version: account.syncVersion,
        ...banColumns(account),
      });
      if (push) ctx.push.record(account.id, "account");
    }
  });
}

/**
 * Bans `target` (or changes its ban's end and reason): state `banned` at once, so every check that
 * wants an account in use hides it from then on; durable; its devices get `account_state_changed`
 * with the ban. An admin cannot ban their own account (`admin` null: the command line, `venus admin`).
 */
export async function banAccount(
  ctx: AccountContext,
  admin: Account | null,
  target: Account,
  request: BanRequest,
): Promise<void> {
  if (target.id === admin?.id) throw new VenusError("cannot_act_on_self");
  if (target.state === "pending_deletion")
    throw new VenusError("invalid_state", "the account is being deleted");
  const reason = checkBanReason(request.reason, ctx.config.admin.ban_reason_max_bytes);
  const until = parseBanUntil(request.until, ctx.now());
  target.ban = { until, reason, stateBefore: target.ban?.stateBefore ?? target.state };
  target.state = "banned";
  target.syncVersion++;
  await writeBan(ctx, [target], true);
  publishAccountState(ctx, target);
}

/** Gives the account back the state it had before the ban (in memory; the caller writes). */
function lift(account: Account): void {
  account.state = account.ban?.stateBefore ?? "normal";
  account.ban = null;
  account.syncVersion++;
}

/** Lifts a ban now; `409 invalid_state` when the account is not banned. */
export async function unbanAccount(ctx: AccountContext, target: Account): Promise<void> {
  if (target.state !== "banned") throw new VenusError("invalid_state", "the account is not banned");
  lift(target);
  await writeBan(ctx, [target]);
  publishAccountState(ctx, target);
}

/** The daily task's part: lifts every ban whose end has come; resolves with those accounts. */
export async function liftExpiredBans(ctx: AccountContext): Promise<Account[]> {
  const now = ctx.now();
  const due = [...ctx.cache.accounts.values()].filter(
    (a) => a.state === "banned" && a.ban !== null && banExpired(a.ban, now),
  );
  due.forEach(lift);
  if (due.length > 0) await writeBan(ctx, due);
  for (const account of due) publishAccountState(ctx, account);
  return due;
}
