import { VenusError } from "@venus/model";
import type { Account } from "../cache/account-entity.js";
import type { AccountContext } from "../context.js";
import { normalizeEmail } from "../credentials.js";

const noSuchAccount = () => new VenusError("not_found", "no such account");

/** The account an admin route names; `404 not_found` for an unknown id. */
export function accountById(ctx: AccountContext, accountId: string): Account {
  const account = ctx.cache.accounts.get(accountId);
  if (!account) throw noSuchAccount();
  return account;
}

/** The account with this email (normalized as at registration); `404 not_found` when none. */
export function accountByEmail(ctx: AccountContext, email: string): Account {
  const normalized = normalizeEmail(email);
  const account = ctx.cache.byEmail.get(normalized);
  if (!account) throw new VenusError("not_found", `no account with email ${normalized}`);
  return account;
}
