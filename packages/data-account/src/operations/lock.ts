import { VenusError } from "@venus/model";
import type { Account } from "../cache/account-entity.js";
import type { AccountContext } from "../context.js";
import { endAccountSessions } from "./sessions.js";

/**
 * Locks `target`: every login is refused from now on (`403 account_locked`), and every session ends
 * at once (its WebSockets get `account_locked`). Durable. An admin cannot lock their own account
 * (`admin` null: the command line, `venus admin`).
 */
export async function lockAccount(
  ctx: AccountContext,
  admin: Account | null,
  target: Account,
): Promise<number> {
  if (target.id === admin?.id) throw new VenusError("cannot_act_on_self");
  target.locked = true;
  const [ended] = await Promise.all([
    endAccountSessions(ctx, target.id, "account_locked"),
    ctx.writer.write(() => ctx.statements.setLocked(target.id, true)),
  ]);
  return ended;
}

/** Lets the account log in again; durable. */
export async function unlockAccount(ctx: AccountContext, target: Account): Promise<void> {
  target.locked = false;
  await ctx.writer.write(() => ctx.statements.setLocked(target.id, false));
}

/**
 * Logs the account out everywhere: every session ends (refresh tokens too) and every WebSocket of the
 * account closes with `logged_out_by_admin`. Resolves with how many sessions ended, once durable.
 */
export function logoutEverywhere(ctx: AccountContext, target: Account): Promise<number> {
  return endAccountSessions(ctx, target.id, "logged_out_by_admin");
}
