import {
  VenusError,
  type EmailLoginRequest,
  type EmailLoginStarted,
  type EmailLoginVerifyRequest,
  type SignInResponse,
} from "@venus/model";
import type { AccountContext } from "../context.js";
import { takeAttempt } from "../sign-in-limits.js";
import { redeemEmailCode } from "../sign-in/email-codes.js";
import { noSoonerThan } from "../sign-in/response-floor.js";
import { requestEmailCode } from "../sign-in/request-email-code.js";
import { createAccount } from "./create-account.js";
import { startSession } from "./sessions.js";
import { takeOverUnverified } from "./take-over-unverified.js";

/**
 * `POST /account/email_login/request`: a client token, and a code mailed to the address — a sign-in
 * code when it has an account, a registration code when registration is open, nothing otherwise.
 * The answer is the same, and as slow, in every case.
 */
export function requestEmailLogin(
  ctx: AccountContext,
  request: EmailLoginRequest,
  ip: string,
): Promise<EmailLoginStarted> {
  return requestEmailCode(ctx, request, ip, {
    purpose: "sign_in",
    ttlMinutes: ctx.config.sign_in.email_code_ttl_minutes,
    attempts: ctx.config.sign_in.email_code_attempts,
    template: (account) =>
      account
        ? account.bot
          ? undefined
          : "email_login_code"
        : ctx.flags.get("registration_enabled")
          ? "email_registration_code"
          : undefined,
  });
}

/**
 * `POST /account/email_login/verify`: the client token with the mailed code signs in (the address
 * counts as verified from then on), or registers a new account when the address has none and
 * registration is open.
 */
export function verifyEmailLogin(
  ctx: AccountContext,
  request: EmailLoginVerifyRequest,
  ip: string,
): Promise<SignInResponse> {
  return noSoonerThan(ctx.config.sign_in.email_response_ms, async () => {
    takeAttempt([ctx.limits.emailCodeVerifyPerIp, ip]);
    const { entry, used } = await redeemEmailCode(ctx, request.client_token, request.code, "sign_in");
    const existing = ctx.cache.byEmail.get(entry.email);
    if (existing) {
      if (existing.locked) {
        await ctx.writer.write(used);
        throw new VenusError("account_locked");
      }
      if (!existing.emailVerified) await takeOverUnverified(ctx, existing, used);
      else await ctx.writer.write(used);
      // The mailbox's owner is the account's: failed password logins of others no longer hold it back.
      ctx.limits.loginFailures.account.succeeded(entry.email);
      return { account_id: existing.id, ...(await startSession(ctx, existing.id)), registered: false };
    }
    if (!ctx.flags.get("registration_enabled")) {
      await ctx.writer.write(used);
      throw new VenusError("registration_disabled");
    }
    const account = await createAccount(ctx, { email: entry.email, emailVerified: true, ip }, used);
    return { account_id: account.id, ...(await startSession(ctx, account.id)), registered: true };
  });
}
