import type { Database, Statement } from "better-sqlite3";

export interface MailOutboxRow {
  id: number;
  queued_at: number;
  to_address: string;
  subject: string;
  text: string;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
}

export type NewMailRow = Pick<MailOutboxRow, "queued_at" | "to_address" | "subject" | "text">;

/**
 * Mails waiting to be sent, in account.sqlite so a mail is queued in the same transaction as the
 * code it carries. Read from disk by the sender (small, indexed by due time), never cached.
 */
export class MailOutboxStatements {
  private readonly insertStmt: Statement<[NewMailRow]>;
  private readonly dueStmt: Statement<[number, number], MailOutboxRow>;
  private readonly nextDueStmt: Statement<[], { at: number | null }>;
  private readonly countStmt: Statement<[], { count: number }>;
  private readonly deleteStmt: Statement<[number]>;
  private readonly rescheduleStmt: Statement<[number, number, string, number]>;

  constructor(db: Database) {
    this.insertStmt = db.prepare(
      `INSERT INTO mail_outbox (queued_at, to_address, subject, text, attempts, next_attempt_at)
       VALUES (@queued_at, @to_address, @subject, @text, 0, @queued_at)`,
    );
    this.dueStmt = db.prepare(
      "SELECT * FROM mail_outbox WHERE next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?",
    );
    this.nextDueStmt = db.prepare("SELECT MIN(next_attempt_at) AS at FROM mail_outbox");
    this.countStmt = db.prepare("SELECT COUNT(*) AS count FROM mail_outbox");
    this.deleteStmt = db.prepare("DELETE FROM mail_outbox WHERE id = ?");
    this.rescheduleStmt = db.prepare(
      "UPDATE mail_outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?",
    );
  }

  insert(row: NewMailRow): void {
    this.insertStmt.run(row);
  }

  due(now: number, limit: number): MailOutboxRow[] {
    return this.dueStmt.all(now, limit);
  }

  nextDueAt(): number | undefined {
    return this.nextDueStmt.get()?.at ?? undefined;
  }

  count(): number {
    return this.countStmt.get()?.count ?? 0;
  }

  delete(id: number): void {
    this.deleteStmt.run(id);
  }

  reschedule(id: number, attempts: number, nextAttemptAt: number, error: string): void {
    this.rescheduleStmt.run(attempts, nextAttemptAt, error, id);
  }
}
