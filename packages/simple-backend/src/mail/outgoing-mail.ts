export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/** Hands mails over to the world: an SMTP server, or a folder on a developer's machine. */
export interface MailTransport {
  /** Resolves once the mail is handed over (SMTP accepted it / the file is durably written); rejects otherwise. */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * The receiving side refused this mail for good (an unknown mailbox, a rejected message): sending it
 * again cannot help, so the outbox drops it at once. Other failures are retried.
 */
export class MailRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MailRefusedError";
  }
}
