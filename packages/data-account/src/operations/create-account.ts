import { hash } from "@node-rs/argon2";
import { randomUUID } from "node:crypto";
import { VenusError } from "@venus/model";
import { accountToRow, newAccount, type Account } from "../cache/account-entity.js";
import type { AccountContext } from "../context.js";
import { PASSWORD_HASH_OPTIONS } from "../credentials.js";

export interface NewAccountFields {
  /** Normalized. */
  email: string;
  /** None for accounts made by a provider or an email code: password login is refused. */
  password?: string;
  emailVerified: boolean;
  /** The client's address, for the daily registration caps per address range. */
  ip: string;
}

/**
 * Creates an account in `initial_setup`, when the registration safeguards (email domain, daily caps) let it, and resolves once its row has committed, together with what
 * `alsoWrite` writes in the same batch (its first sign-in method, its verification mail).
 */
export async function createAccount(
  ctx: AccountContext,
  fields: NewAccountFields,
  alsoWrite: (account: Account) => void = () => {},
): Promise<Account> {
  const { email } = fields;
  if (ctx.cache.byEmail.has(email) || ctx.cache.reservedEmails.has(email))
    throw new VenusError("email_taken");
  ctx.registration.domains.check(email);
  const giveBack = ctx.registration.caps.take(fields.ip);
  ctx.cache.reservedEmails.add(email);
  let made = false;
  try {
    const account = newAccount({
      id: randomUUID(),
      email,
      emailVerified: fields.emailVerified,
      passwordHash: fields.password === undefined ? "" : await hash(fields.password, PASSWORD_HASH_OPTIONS),
      permissions: new Set(),
      createdAt: ctx.now(),
      bot: false,
    });
    ctx.cache.addAccount(account);
    await ctx.writer.write(() => {
      ctx.statements.insertAccount(accountToRow(account));
      alsoWrite(account);
    });
    made = true;
    return account;
  } finally {
    if (!made) giveBack();
    ctx.cache.reservedEmails.delete(email);
  }
}
