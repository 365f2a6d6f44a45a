import { VenusError } from "@venus/model";
import type { AccountContext } from "../context.js";
import { hashesEqual, hashToken } from "../tokens.js";
import { hashEmailCode, hexBlob, newEmailCode } from "./codes.js";
import type { EmailCode } from "./sign-in-cache.js";

/**
 * What an emailed code is for. Its hash is bound to the purpose as well as to its client token, so
 * a code mailed for one purpose never works for another (and the stored rows need no purpose column).
 */
export type CodePurpose = "sign_in" | "password_reset";

const boundTo = (tokenHash: string, purpose: CodePurpose) =>
  purpose === "sign_in" ? tokenHash : `${purpose}:${tokenHash}`;

export interface CodeMail {
  email: string;
  purpose: CodePurpose;
  template: "email_login_code" | "email_registration_code" | "password_reset_code";
  language: string | undefined;
  ttlMinutes: number;
  attempts: number;
}

/** Mails a new six-digit code for `clientToken`: the row and the mail in one commit, then the cache. */
export async function mailEmailCode(ctx: AccountContext, clientToken: string, mail: CodeMail): Promise<void> {
  const code = newEmailCode();
  const tokenHash = hashToken(clientToken);
  const entry: EmailCode = {
    tokenHash,
    email: mail.email,
    codeHash: hashEmailCode(boundTo(tokenHash, mail.purpose), code),
    expiresAt: ctx.now() + mail.ttlMinutes * 60_000,
    attemptsLeft: mail.attempts,
  };
  await ctx.writer.write(() => {
    ctx.statements.signIn.insertCode({
      token_hash: hexBlob(tokenHash),
      email: mail.email,
      code_hash: hexBlob(entry.codeHash),
      expires_at: entry.expiresAt,
      attempts_left: entry.attemptsLeft,
    });
    ctx.mail.queue(mail.template, mail.language, mail.email, { code, minutes: String(mail.ttlMinutes) });
  });
  ctx.signIn.codes.set(tokenHash, entry);
  ctx.mail.sendSoon();
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
 * Takes the code mailed for `clientToken` and `purpose` (`401 invalid_code` when it is wrong, used or
 * expired). It is gone from memory before anything awaits, so a second request with it fails; the
 * caller writes `used` (deleting its row) in the commit that acts on it.
 */
export async function redeemEmailCode(
  ctx: AccountContext,
  clientToken: string,
  code: string,
  purpose: CodePurpose,
): Promise<{ entry: EmailCode; used: () => void }> {
  const tokenHash = hashToken(clientToken);
  const entry = ctx.signIn.codes.get(tokenHash);
  if (!entry || entry.expiresAt <= ctx.now()) throw new VenusError("invalid_code");
  if (!hashesEqual(entry.codeHash, hashEmailCode(boundTo(tokenHash, purpose), code)))
    return countWrongCode(ctx, entry);
  ctx.signIn.codes.delete(tokenHash);
  return { entry, used: () => ctx.statements.signIn.deleteCode(hexBlob(tokenHash)) };
}
