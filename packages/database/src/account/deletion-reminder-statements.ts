import type { Database, Statement } from "better-sqlite3";

/** Which deletion (by its time) each account was reminded of by push (account.sqlite). */
export class DeletionReminderStatements {
  private readonly allStmt: Statement<[], { account_id: string; deletion_at: number }>;
  private readonly setStmt: Statement<[string, number]>;

  constructor(db: Database) {
    this.allStmt = db.prepare("SELECT account_id, deletion_at FROM deletion_reminder");
    this.setStmt = db.prepare(
      "INSERT OR REPLACE INTO deletion_reminder (account_id, deletion_at) VALUES (?, ?)",
    );
  }

  all(): { account_id: string; deletion_at: number }[] {
    return this.allStmt.all();
  }

  set(accountId: string, deletionAt: number): void {
    this.setStmt.run(accountId, deletionAt);
  }
}
