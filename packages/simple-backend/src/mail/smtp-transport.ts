import nodemailer from "nodemailer";
import type { MailTransport } from "./outgoing-mail.js";

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
      await transporter.sendMail({ to: mail.to, subject: mail.subject, text: mail.text });
    },
    close() {
      transporter.close();
    },
  };
}
