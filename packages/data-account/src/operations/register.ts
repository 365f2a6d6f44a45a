import { VenusError, type RegisterRequest } from "@venus/model";
import type { AccountContext } from "../context.js";
import { checkPassword, normalizeEmail } from "../credentials.js";
import { takeAttempt } from "../sign-in-limits.js";
import { prepareVerification } from "../sign-in/verification-mail.js";
import type { EmailVerification } from "../sign-in/sign-in-cache.js";
import { createAccount } from "./create-account.js";

/**
 * Creates an account in `initial_setup` with a password; a verification mail for its address is
 * queued in the same commit. Resolves with its id once committed.
 */
export async function register(ctx: AccountContext, request: RegisterRequest, ip: string): Promise<string> {
  const email = normalizeEmail(request.email);
  takeAttempt([ctx.limits.registerPerIp, ip], [ctx.limits.registerPerEmail, email]);
  if (!ctx.flags.get("registration_enabled")) throw new VenusError("registration_disabled");
  checkPassword(request.password, ctx.config.account);
  ctx.mail.requireRoom();
  let verification: EmailVerification | undefined;
  const account = await createAccount(
    ctx,
    { email, password: request.password, emailVerified: false, ip },
    (made) => {
      const prepared = prepareVerification(ctx, made.id, { email, language: request.language });
      prepared.write();
      verification = prepared.entry;
    },
  );
  if (verification) ctx.signIn.putVerification(verification);
  ctx.mail.sendSoon();
  return account.id;
}
