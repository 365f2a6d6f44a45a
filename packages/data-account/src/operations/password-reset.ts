import { hash } from "@node-rs/argon2";
import {
  VenusError,
  type EmailLoginRequest,
  type EmailLoginStarted,
  type PasswordResetConfirmRequest,
  type SignInResponse,
} from "@venus/model";
import type { AccountContext } from "../context.js";
import { checkPassword, normalizeEmail, PASSWORD_HASH_OPTIONS } from "../credentials.js";
import { takeAttempt } from "../sign-in-limits.js";
import { mailEmailCode, redeemEmailCode } from "../sign-in/email-codes.js";
import { minuteUtc } from "../mail/minute-utc.js";
import { noSoonerThan } from "../sign-in/response-floor.js";
import { newToken } from "../tokens.js";
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
  return noSoonerThan(ctx.config.sign_in.email_response_ms, async () => {
    const email = normalizeEmail(request.email);
    takeAttempt([ctx.limits.emailCodePerIp, ip], [ctx.limits.emailCodePerEmail, email]);
    ctx.mail.requireRoom();
    const { password_reset_code_ttl_minutes: minutes, password_reset_code_attempts } = ctx.config.sign_in;
    const clientToken = newToken();
    const account = ctx.cache.byEmail.get(email);
    if (account && !account.bot)
      await mailEmailCode(ctx, clientToken, {
        email,
        purpose: "password_reset",
        template: "password_reset_code",
        language: request.language,
        ttlMinutes: minutes,
        attempts: password_reset_code_attempts,
      });
    return { client_token: clientToken, expires_in_seconds: Math.round(minutes * 60) };
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
