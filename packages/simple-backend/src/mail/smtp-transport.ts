import nodemailer from "nodemailer";
import { MailRefusedError, type MailTransport } from "./outgoing-mail.js";

export interface SmtpSettings {
  host: string;
  port: number;
  tls: "starttls" | "implicit" | "none";
  /** Empty: no authentication. */
  username: string;
  password: string;
  from: string;
  /** For connecting, for the server's greeting, and for each wait on the socket afterwards. */
  timeoutMs: number;
}

/**
 * A permanent (5xx) answer to the recipient or to the message itself. A 5xx to the login or to the
 * sender (MAIL FROM) is the operator's to fix and holds for every mail, so those are retried.
 */
function refusedForGood(error: unknown): boolean {
  const { responseCode, command } = error as { responseCode?: number; command?: string };
  return (
    responseCode !== undefined &&
    responseCode >= 500 &&
    (command === "DATA" || command?.startsWith("RCPT") === true)
  );
}

/** Sends through an SMTP server, one connection per mail (mails are few and sent one at a time). */
export function createSmtpTransport(settings: SmtpSettings): MailTransport {
  const transporter = nodemailer.createTransport(
    {
      host: settings.host,
      port: settings.port,
      secure: settings.tls === "implicit",
      requireTLS: settings.tls === "starttls",
      ignoreTLS: settings.tls === "none",
      auth: settings.username === "" ? undefined : { user: settings.username, pass: settings.password },
      connectionTimeout: settings.timeoutMs,
      greetingTimeout: settings.timeoutMs,
      socketTimeout: settings.timeoutMs,
    },
    { from: settings.from },
  );
  return {
    async send(mail) {
      try {
        await transporter.sendMail({ to: mail.to, subject: mail.subject, text: mail.text });
      } catch (error) {
        if (refusedForGood(error)) throw new MailRefusedError((error as Error).message);
        throw error;
      }
    },
    close() {
      transporter.close();
    },
  };
}
