import type { OutgoingMail } from "./outgoing-mail.js";

export interface QueuedMail extends OutgoingMail {
  id: number;
  /** Unix ms. */
  queuedAt: number;
  /** Failed attempts so far. */
  attempts: number;
}

/** Where the outbox keeps its mails; the product supplies it (e.g. a table written in the same transaction). */
export interface MailOutboxStore {
  /** Mails due at `now`, soonest first, at most `limit`. */
  due(now: number, limit: number): QueuedMail[];
  /** When the earliest waiting mail is due (unix ms); undefined when none waits. */
  nextDueAt(): number | undefined;
  /** Durable removal after a successful send or when giving up. */
  remove(id: number): Promise<void>;
  /** Durable: the failed attempt count, the next try and the error. */
  reschedule(id: number, attempts: number, nextAttemptAt: number, error: string): Promise<void>;
}
