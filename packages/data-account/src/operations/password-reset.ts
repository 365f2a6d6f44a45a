import { hash } from "@node-rs/argon2";
import {
  VenusError,
  type EmailLoginRequest,
  type EmailLoginStarted,
  type PasswordResetConfirmRequest,
  type SignInResponse,
} from "@venus/model";
import type { AccountContext } from "../context.js";
import { checkPassword, PASSWORD_HASH_OPTIONS } from "../credentials.js";
import { takeAttempt } from "../sign-in-limits.js";
import { redeemEmailCode } from "../sign-in/email-codes.js";
import { minuteUtc } from "../mail/minute-utc.js";
import { noSoonerThan } from "../sign-in/response-floor.js";
import { requestEmailCode } from "../sign-in/request-email-code.js";
import { endAccountSessions, startSession } from "./sessions.js";
import { takeOverUnverified } from "./take-over-unverified.js";

/**
 * `POST /account/password_reset/request`: a client token, and a reset code mailed to the address
 * when it belongs to an account that may have a password (not a bot). The answer is the same, and as
 * slow, either way. Codes mailed here count against the same limits as sign-in codes.
 */
export function requestPasswordReset(
  ctx: AccountContext,
  request: EmailLoginRequest,
  ip: string,
): Promise<EmailLoginStarted> {
  return requestEmailCode(ctx, request, ip, {
    purpose: "password_reset",
    ttlMinutes: ctx.config.sign_in.password_reset_code_ttl_minutes,
    attempts: ctx.config.sign_in.password_reset_code_attempts,
    template: (account) => (account && !account.bot ? "password_reset_code" : undefined),
  });
}

/**
 * `POST /account/password_reset/confirm`: the mailed code proves the address, so the account gets the
 * new password, every session of it ends (their push targets go with them), a notice is mailed, and
 * this device is signed in — as an emailed sign-in code would sign it in. A password the rules refuse
 * is refused before the code is used.
 */
export function confirmPasswordReset(
  ctx: AccountContext,
  request: PasswordResetConfirmRequest,
  ip: string,
): Promise<SignInResponse> {
  return noSoonerThan(ctx.config.sign_in.email_response_ms, async () => {
    takeAttempt([ctx.limits.emailCodeVerifyPerIp, ip]);
    checkPassword(request.new_password, ctx.config.account);
    ctx.mail.requireRoom();
    const { entry, used } = await redeemEmailCode(ctx, request.client_token, request.code, "password_reset");
    const account = ctx.cache.byEmail.get(entry.email);
    if (!account || account.locked) {
      await ctx.writer.write(used);
      throw new VenusError(account ? "account_locked" : "invalid_code");
    }
    const passwordHash = await hash(request.new_password, PASSWORD_HASH_OPTIONS);
    if (account.emailVerified) await endAccountSessions(ctx, account.id, "password_changed");
    else await takeOverUnverified(ctx, account, used);
    account.passwordHash = passwordHash;
    await ctx.writer.write(() => {
      used(); // again after a take-over: deleting a deleted row is nothing
      ctx.statements.setPasswordHash(account.id, passwordHash);
      ctx.mail.queue("password_changed_notice", request.language, account.email, {
        time: minuteUtc(ctx.now()),
        signed_out: "yes",
      });
    });
    ctx.mail.sendSoon();
    ctx.limits.loginFailures.account.succeeded(entry.email);
    return { account_id: account.id, ...(await startSession(ctx, account.id)), registered: false };
  });
}
