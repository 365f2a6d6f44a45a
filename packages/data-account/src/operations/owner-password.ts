import { verify } from "@node-rs/argon2";
import { VenusError, invalidField } from "@venus/model";
import { passwordHashOf, type Account } from "../cache/account-entity.js";
import type { AccountContext } from "../context.js";
import { takeAttempt } from "../sign-in-limits.js";

/**
 * The owner's password, for an account that has one (bots, and accounts made with a provider or an
 * email code, have none: then the live session is the proof). Every check counts against
 * `rate_limits.login_per_email` for the account's email (`429 rate_limited` past it); a wrong one is
 * `403 wrong_password`.
 */
export async function checkOwnerPassword(
  ctx: AccountContext,
  account: Account,
  password: string | undefined,
  field = "password",
): Promise<void> {
  if (account.passwordHash === "") return;
  if (password === undefined) throw invalidField(field, "required");
  takeAttempt([ctx.limits.loginPerEmail, account.email]);
  if (!(await verify(passwordHashOf(ctx.statements, account), password).catch(() => false)))
    throw new VenusError("wrong_password");
}
