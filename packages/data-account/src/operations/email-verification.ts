import {
  VenusError,
  type EmailChangeRequest,
  type EmailConfirmRequest,
  type EmailVerificationRequest,
} from "@venus/model";
import type { Account } from "../cache/account-entity.js";
import type { AccountContext } from "../context.js";
import { normalizeEmail } from "../credentials.js";
import { takeAttempt } from "../sign-in-limits.js";
import { hashEmailCode } from "../sign-in/codes.js";
import type { EmailVerification } from "../sign-in/sign-in-cache.js";
import { prepareVerification, type VerificationMail } from "../sign-in/verification-mail.js";
import { hashesEqual, hashToken } from "../tokens.js";
import { publishSignInMethods } from "./publish-sign-in-methods.js";

async function sendVerification(
  ctx: AccountContext,
  account: Account,
  mail: VerificationMail,
): Promise<void> {
  takeAttempt([ctx.limits.emailVerificationPerAccount, account.id]);
  ctx.mail.requireRoom();
  const { entry, write } = prepareVerification(ctx, account.id, mail);
  await ctx.writer.write(write);
  ctx.signIn.putVerification(entry);
  ctx.mail.sendSoon();
}

/**
 * `POST /account/email/verification`: a new code and link for the address being verified — the
 * pending new address of a change, else the account's own (409 when that is verified already).
 */
export async function resendVerification(
  ctx: AccountContext,
  account: Account,
  request: EmailVerificationRequest,
): Promise<void> {
  const change = ctx.signIn.verification(account.id, ctx.now());
  if (change && change.email !== account.email) {
    return sendVerification(ctx, account, {
      email: change.email,
      language: request.language,
      oldEmail: account.email,
    });
  }
  if (account.emailVerified) throw new VenusError("email_already_verified");
  await sendVerification(ctx, account, { email: account.email, language: request.language });
}

/**
 * `POST /account/email/change`: the new address gets a code and link; the account keeps its address
 * until one of them confirms the change.
 */
export async function requestEmailChange(
  ctx: AccountContext,
  account: Account,
  request: EmailChangeRequest,
): Promise<void> {
  const email = normalizeEmail(request.email);
  if (email === account.email) throw new VenusError("email_unchanged");
  if (ctx.cache.byEmail.has(email) || ctx.cache.reservedEmails.has(email))
    throw new VenusError("email_taken");
  await sendVerification(ctx, account, { email, language: request.language, oldEmail: account.email });
  publishSignInMethods(ctx, account.id);
}

/** `DELETE /account/email/change`: drops a pending change (its code and link stop working). */
export async function cancelEmailChange(ctx: AccountContext, account: Account): Promise<void> {
  const change = ctx.signIn.verification(account.id, ctx.now());
  if (!change || change.email === account.email) throw new VenusError("nothing_to_confirm");
  ctx.signIn.removeVerification(account.id);
  await ctx.writer.write(() => ctx.statements.signIn.deleteVerification(account.id));
  publishSignInMethods(ctx, account.id);
}

/**
 * The code or link was right: the address is verified, or (a change) becomes the account's, and the
 * old address is told in the same commit.
 */
async function applyVerification(
  ctx: AccountContext,
  account: Account,
  verification: EmailVerification,
): Promise<void> {
  const { email } = verification;
  const forget = () => ctx.statements.signIn.deleteVerification(account.id);
  if (email === account.email) {
    ctx.signIn.removeVerification(account.id);
    account.emailVerified = true;
    await ctx.writer.write(() => {
      forget();
      ctx.statements.signIn.setEmail(account.id, email, true);
    });
  } else {
    if (ctx.cache.byEmail.has(email) || ctx.cache.reservedEmails.has(email)) {
      ctx.signIn.removeVerification(account.id);
      await ctx.writer.write(forget);
      throw new VenusError("email_taken");
    }
    // Busy leaves the change waiting: the same code or link works once the queue has room.
    ctx.mail.requireRoom();
    ctx.signIn.removeVerification(account.id);
    const oldEmail = account.email;
    ctx.cache.byEmail.delete(oldEmail);
    account.email = email;
    account.emailVerified = true;
    ctx.cache.byEmail.set(email, account);
    await ctx.writer.write(() => {
      forget();
      ctx.statements.signIn.setEmail(account.id, email, true);
      ctx.mail.queue("email_changed_notice", verification.language, oldEmail, { new_email: email });
    });
    ctx.mail.sendSoon();
  }
  publishSignInMethods(ctx, account.id);
}

/** `POST /account/email/confirm`: the code from the verification mail, with a session. */
export async function confirmEmailCode(
  ctx: AccountContext,
  account: Account,
  request: EmailConfirmRequest,
): Promise<void> {
  const verification = ctx.signIn.verification(account.id, ctx.now());
  if (!verification) throw new VenusError("nothing_to_confirm");
  if (!hashesEqual(verification.codeHash, hashEmailCode(account.id, request.code))) {
    verification.attemptsLeft--;
    const left = verification.attemptsLeft;
    if (left <= 0) ctx.signIn.removeVerification(account.id);
    await ctx.writer.write(() =>
      left <= 0
        ? ctx.statements.signIn.deleteVerification(account.id)
        : ctx.statements.signIn.setVerificationAttemptsLeft(account.id, left),
    );
    throw new VenusError("invalid_code");
  }
  await applyVerification(ctx, account, verification);
}

/** `GET /account/email/confirm?token=`: the link from the verification mail, without a session. */
export async function confirmEmailLink(ctx: AccountContext, token: string): Promise<void> {
  const verification = ctx.signIn.verificationByLink(hashToken(token), ctx.now());
  const account = verification && ctx.cache.accounts.get(verification.accountId);
  if (!verification || !account) throw new VenusError("invalid_code");
  await applyVerification(ctx, account, verification);
}
