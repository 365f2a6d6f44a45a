import { hash } from "@node-rs/argon2";
import { VenusError, type ChangePasswordRequest, type ChangePasswordResponse } from "@venus/model";
import type { AccountContext } from "../context.js";
import { checkPassword, PASSWORD_HASH_OPTIONS } from "../credentials.js";
import { minuteUtc } from "../mail/minute-utc.js";
import type { Authenticated } from "./authenticate.js";
import { checkOwnerPassword } from "./owner-password.js";
import { publishSignInMethods } from "./publish-sign-in-methods.js";
import { endSessions } from "./sessions.js";

/**
 * The owner changes the account's password with the current one, or sets a first one (an account
 * made with a provider or an email code: the live session is the proof, and the mail tells the
 * address). Optionally every other device is signed out (`password_changed`). A notice goes to the
 * account's address in the same commit. Durable. Bots have no password (`409 invalid_state`).
 */
export async function changePassword(
  ctx: AccountContext,
  auth: Authenticated,
  request: ChangePasswordRequest,
): Promise<ChangePasswordResponse> {
  const { account, session } = auth;
  if (account.bot) throw new VenusError("invalid_state", "bot accounts sign in without a password");
  checkPassword(request.new_password, ctx.config.account);
  await checkOwnerPassword(ctx, account, request.current_password, "current_password");
  ctx.mail.requireRoom();
  const passwordHash = await hash(request.new_password, PASSWORD_HASH_OPTIONS);
  const first = account.passwordHash === "";
  account.passwordHash = passwordHash;
  const others = request.end_other_sessions
    ? [...(ctx.cache.sessionsByAccount.get(account.id) ?? [])].filter((other) => other !== session)
    : [];
  await Promise.all([
    endSessions(ctx, others, "password_changed"),
    ctx.writer.write(() => {
      ctx.statements.setPasswordHash(account.id, passwordHash);
      ctx.mail.queue("password_changed_notice", request.language, account.email, {
        time: minuteUtc(ctx.now()),
        signed_out: others.length > 0 ? "yes" : "",
      });
    }),
  ]);
  ctx.mail.sendSoon();
  if (first) publishSignInMethods(ctx, account.id);
  return { sessions_ended: others.length };
}
