import { hash } from "@node-rs/argon2";
import { randomUUID } from "node:crypto";
import { VenusError, type RegisterRequest } from "@venus/model";
import { accountToRow, newAccount } from "../cache/account-entity.js";
import type { AccountContext } from "../context.js";
import { checkPassword, normalizeEmail, PASSWORD_HASH_OPTIONS } from "../credentials.js";
import { takeAttempt } from "../sign-in-limits.js";

/** Creates an account in `initial_setup`; resolves with its id once the row has committed. */
export async function register(ctx: AccountContext, request: RegisterRequest, ip: string): Promise<string> {
  const email = normalizeEmail(request.email);
  takeAttempt([ctx.limits.registerPerIp, ip], [ctx.limits.registerPerEmail, email]);
  if (!ctx.flags.get("registration_enabled")) throw new VenusError("registration_disabled");
  checkPassword(request.password, ctx.config.account);
  if (ctx.cache.byEmail.has(email) || ctx.cache.reservedEmails.has(email))
    throw new VenusError("email_taken");
  ctx.cache.reservedEmails.add(email);
  try {
    const account = newAccount({
      id: randomUUID(),
      email,
      passwordHash: await hash(request.password, PASSWORD_HASH_OPTIONS),
      permissions: new Set(),
      createdAt: ctx.now(),
      bot: false,
    });
    ctx.cache.addAccount(account);
    await ctx.writer.write(() => ctx.statements.insertAccount(accountToRow(account)));
    return account.id;
  } finally {
    ctx.cache.reservedEmails.delete(email);
  }
}
