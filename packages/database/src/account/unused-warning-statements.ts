import type { Database, Statement } from "better-sqlite3";

/** When the tidy-up warned each unused account (account.sqlite). */
export class UnusedWarningStatements {
  private readonly allStmt: Statement<[], { account_id: string; warned_at: number }>;
  private readonly setStmt: Statement<[string, number]>;
  private readonly deleteStmt: Statement<[string]>;

  constructor(db: Database) {
    this.allStmt = db.prepare("SELECT account_id, warned_at FROM unused_warning");
    this.setStmt = db.prepare("INSERT OR REPLACE INTO unused_warning (account_id, warned_at) VALUES (?, ?)");
    this.deleteStmt = db.prepare("DELETE FROM unused_warning WHERE account_id = ?");
  }

  all(): { account_id: string; warned_at: number }[] {
    return this.allStmt.all();
  }

  set(accountId: string, warnedAt: number): void {
    this.setStmt.run(accountId, warnedAt);
  }

  delete(accountId: string): void {
    this.deleteStmt.run(accountId);
  }
}
