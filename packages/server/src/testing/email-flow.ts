import type { ReceivedMail, SmtpSink } from "@venus/simple-backend/testing";
import { request, type HttpResult } from "./http-client.js";
import type { Tokens } from "./sign-in.js";

/** `[email]` handing mails to a test SMTP sink, retrying quickly. */
export const smtpTo = (port: number) => ({
  smtp: { host: "127.0.0.1", port, tls: "none" },
  retry_base_seconds: 0.2,
  retry_max_seconds: 1,
});

export function codeIn(mail: { text: string }): string {
  const code = /\b(\d{6})\b/.exec(mail.text)?.[1];
  if (!code) throw new Error(`no code in the mail:\n${mail.text}`);
  return code;
}

export function linkIn(mail: { text: string }): string {
  const link = /(http\S+\/account\/email\/confirm\?token=\S+)/.exec(mail.text)?.[1];
  if (!link) throw new Error(`no link in the mail:\n${mail.text}`);
  return link;
}

/**
 * The first mail to `to` with a matching subject that arrives after this call: call it before the
 * request that sends the mail.
 */
export function expectMail(sink: SmtpSink, to: string, subject: RegExp): Promise<ReceivedMail> {
  const before = new Set(sink.mails);
  return sink.waitFor((mail) => !before.has(mail) && mail.to.includes(to) && subject.test(mail.subject));
}

export function requestCode(server: { url: string }, email: string, language?: string) {
  return request<{ client_token: string; expires_in_seconds: number }>(
    server.url,
    "POST",
    "/account/email_login/request",
    { body: { email, ...(language ? { language } : {}) } },
  );
}

export function verifyCode(
  server: { url: string },
  clientToken: string,
  code: string,
): Promise<HttpResult<Tokens & { registered: boolean }>> {
  return request(server.url, "POST", "/account/email_login/verify", {
    body: { client_token: clientToken, code },
  });
}

/** A six-digit code other than `code`. */
export const wrongCode = (code: string): string => String((Number(code) + 1) % 1_000_000).padStart(6, "0");
