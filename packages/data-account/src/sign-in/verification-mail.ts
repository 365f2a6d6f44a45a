import type { AccountContext } from "../context.js";
import { hashToken, newToken } from "../tokens.js";
import { hashEmailCode, hexBlob, newEmailCode } from "./codes.js";
import type { EmailVerification } from "./sign-in-cache.js";

/** Where the link in a verification mail leads: `GET` answers a small HTML page. */
export const CONFIRM_LINK_PATH = "/account/email/confirm";

export interface VerificationMail {
  /** The account's own address, or (a change) the address it changes to. */
  email: string;
  language: string | undefined;
  /** Set for a change: the address the account has now. */
  oldEmail?: string;
}

/**
 * A new code and link for an address, to be written (with its mail) inside a writer batch by
 * `write`, and put in the cache by the caller once committed. Replaces any earlier one.
 */
export function prepareVerification(
  ctx: AccountContext,
  accountId: string,
  mail: VerificationMail,
): { entry: EmailVerification; write: () => void } {
  const { sign_in } = ctx.config;
  const code = newEmailCode();
  const link = newToken();
  const entry: EmailVerification = {
    accountId,
    email: mail.email,
    codeHash: hashEmailCode(accountId, code),
    linkHash: hashToken(link),
    expiresAt: ctx.now() + sign_in.email_verification_ttl_hours * 3_600_000,
    attemptsLeft: sign_in.email_code_attempts,
    language: mail.language,
  };
  const params = {
    code,
    link: ctx.mail.link(`${CONFIRM_LINK_PATH}?token=${link}`),
    hours: String(sign_in.email_verification_ttl_hours),
  };
  const write = () => {
    ctx.statements.signIn.putVerification({
      account_id: accountId,
      email: entry.email,
      code_hash: hexBlob(entry.codeHash),
      link_hash: hexBlob(entry.linkHash),
      expires_at: entry.expiresAt,
      attempts_left: entry.attemptsLeft,
      language: entry.language ?? null,
    });
    if (mail.oldEmail === undefined) ctx.mail.queue("email_verification", mail.language, mail.email, params);
    else
      ctx.mail.queue("email_change_verification", mail.language, mail.email, {
        ...params,
        old_email: mail.oldEmail,
      });
  };
  return { entry, write };
}
