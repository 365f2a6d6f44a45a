import type { EmailLoginRequest, EmailLoginStarted } from "@venus/model";
import type { Account } from "../cache/account-entity.js";
import type { AccountContext } from "../context.js";
import { normalizeEmail } from "../credentials.js";
import { takeAttempt } from "../sign-in-limits.js";
import { newToken } from "../tokens.js";
import { mailEmailCode, type CodeMail } from "./email-codes.js";
import { noSoonerThan } from "./response-floor.js";

/** Which code to mail for a request: its purpose and limits, and the template for the address's account. */
export interface CodeRequest {
  purpose: CodeMail["purpose"];
  ttlMinutes: number;
  attempts: number;
  /** The mail for the account the address has (or none); undefined mails nothing. */
  template(account: Account | undefined): CodeMail["template"] | undefined;
}

/**
 * The request step every emailed code shares: the limits per address and per email, a client token,
 * and a code mailed when `template` names one. The answer is the same, and as slow, either way, so it
 * tells nobody whether the address has an account.
 */
export function requestEmailCode(
  ctx: AccountContext,
  request: EmailLoginRequest,
  ip: string,
  code: CodeRequest,
): Promise<EmailLoginStarted> {
  return noSoonerThan(ctx.config.sign_in.email_response_ms, async () => {
    const email = normalizeEmail(request.email);
    takeAttempt([ctx.limits.emailCodePerIp, ip], [ctx.limits.emailCodePerEmail, email]);
    ctx.mail.requireRoom();
    const clientToken = newToken();
    const template = code.template(ctx.cache.byEmail.get(email));
    if (template)
      await mailEmailCode(ctx, clientToken, {
        email,
        purpose: code.purpose,
        template,
        language: request.language,
        ttlMinutes: code.ttlMinutes,
        attempts: code.attempts,
      });
    return { client_token: clientToken, expires_in_seconds: Math.round(code.ttlMinutes * 60) };
  });
}
