import {
  VenusError,
  type EmailLoginRequest,
  type EmailLoginStarted,
  type EmailLoginVerifyRequest,
  type SignInResponse,
} from "@venus/model";
import type { Account } from "../cache/account-entity.js";
import type { AccountContext } from "../context.js";
import { normalizeEmail } from "../credentials.js";
import { takeAttempt } from "../sign-in-limits.js";
import { hashEmailCode, hexBlob, newEmailCode } from "../sign-in/codes.js";
import { noSoonerThan } from "../sign-in/response-floor.js";
import type { EmailCode } from "../sign-in/sign-in-cache.js";
import { hashesEqual, hashToken, newToken } from "../tokens.js";
import { createAccount } from "./create-account.js";
import { endAccountSessions, startSession } from "./sessions.js";

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
  return noSoonerThan(ctx.config.sign_in.email_response_ms, async () => {
    const email = normalizeEmail(request.email);
    takeAttempt([ctx.limits.emailCodePerIp, ip], [ctx.limits.emailCodePerEmail, email]);
    ctx.mail.requireRoom();
    const { email_code_ttl_minutes: minutes, email_code_attempts } = ctx.config.sign_in;
    const clientToken = newToken();
    const account = ctx.cache.byEmail.get(email);
    const template = account
      ? account.bot
        ? undefined
        : "email_login_code"
      : ctx.flags.get("registration_enabled")
        ? "email_registration_code"
        : undefined;
    if (template) {
      const code = newEmailCode();
      const tokenHash = hashToken(clientToken);
      const entry: EmailCode = {
        tokenHash,
        email,
        codeHash: hashEmailCode(tokenHash, code),
        expiresAt: ctx.now() + minutes * 60_000,
        attemptsLeft: email_code_attempts,
      };
      await ctx.writer.write(() => {
        ctx.statements.signIn.insertCode({
          token_hash: hexBlob(tokenHash),
          email,
          code_hash: hexBlob(entry.codeHash),
          expires_at: entry.expiresAt,
          attempts_left: entry.attemptsLeft,
        });
        ctx.mail.queue(template, request.language, email, { code, minutes: String(minutes) });
      });
      ctx.signIn.codes.set(tokenHash, entry);
      ctx.mail.sendSoon();
    }
    return { client_token: clientToken, expires_in_seconds: Math.round(minutes * 60) };
  });
}

/** A wrong code costs one attempt; the last one voids the client token. */
async function countWrongCode(ctx: AccountContext, entry: EmailCode): Promise<never> {
  entry.attemptsLeft--;
  const blob = hexBlob(entry.tokenHash);
  if (entry.attemptsLeft <= 0) {
    ctx.signIn.codes.delete(entry.tokenHash);
    await ctx.writer.write(() => ctx.statements.signIn.deleteCode(blob));
  } else {
    await ctx.writer.write(() => ctx.statements.signIn.setCodeAttemptsLeft(blob, entry.attemptsLeft));
  }
  throw new VenusError("invalid_code");
}

/**
 * The first proof that someone receives mail at an account's address. Whoever registered the account
 * never proved it, and may not be the address's owner (an account made in someone else's name ahead
 * of them): what they set up without that proof — the password, providers they linked, a change of
 * address they asked for — goes, and every session ends, so only the prover gets in.
 */
async function takeOverUnverified(ctx: AccountContext, account: Account, used: () => void): Promise<void> {
  const hadPassword = account.passwordHash !== "";
  account.emailVerified = true;
  account.passwordHash = "";
  ctx.signIn.forgetAccount(account.id);
  await ctx.writer.write(() => {
    used();
    ctx.statements.signIn.setEmail(account.id, account.email, true);
    if (hadPassword) ctx.statements.setPasswordHash(account.id, "");
    ctx.statements.signIn.deleteAccountRows(account.id);
  });
  await endAccountSessions(ctx, account.id, "session_ended");
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
    const tokenHash = hashToken(request.client_token);
    const entry = ctx.signIn.codes.get(tokenHash);
    if (!entry || entry.expiresAt <= ctx.now()) throw new VenusError("invalid_code");
    if (!hashesEqual(entry.codeHash, hashEmailCode(tokenHash, request.code)))
      return countWrongCode(ctx, entry);
    // Used: gone before anything awaits, so a second request with the same code fails.
    ctx.signIn.codes.delete(tokenHash);
    const used = () => ctx.statements.signIn.deleteCode(hexBlob(tokenHash));
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
