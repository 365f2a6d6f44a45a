import type { Database, Statement } from "better-sqlite3";

export interface UnsubscribeRow {
  account_id: string;
  token: string;
  unsubscribed_at: number | null;
}

/** Unsubscribe tokens (one per account that got a custom mail) and the mails to all, in account.sqlite. */
export class CustomMailStatements {
  private readonly tokensStmt: Statement<[], UnsubscribeRow>;
  private readonly insertTokenStmt: Statement<[string, string]>;
  private readonly unsubscribeStmt: Statement<[number, string]>;
  private readonly lastBroadcastStmt: Statement<[], { at: number | null }>;
  private readonly insertBroadcastStmt: Statement<[number, string, number]>;

  constructor(db: Database) {
    this.tokensStmt = db.prepare("SELECT * FROM mail_unsubscribe");
    this.insertTokenStmt = db.prepare("INSERT INTO mail_unsubscribe (account_id, token) VALUES (?, ?)");
    this.unsubscribeStmt = db.prepare("UPDATE mail_unsubscribe SET unsubscribed_at = ? WHERE account_id = ?");
    this.lastBroadcastStmt = db.prepare("SELECT MAX(sent_at) AS at FROM mail_broadcast");
    this.insertBroadcastStmt = db.prepare(
      "INSERT INTO mail_broadcast (sent_at, admin_id, recipients) VALUES (?, ?, ?)",
    );
  }

  tokens(): UnsubscribeRow[] {
    return this.tokensStmt.all();
  }

  insertToken(accountId: string, token: string): void {
    this.insertTokenStmt.run(accountId, token);
  }

  unsubscribe(accountId: string, at: number): void {
    this.unsubscribeStmt.run(at, accountId);
  }

  lastBroadcast(): number | null {
    return this.lastBroadcastStmt.get()?.at ?? null;
  }

  insertBroadcast(at: number, adminId: string, recipients: number): void {
    this.insertBroadcastStmt.run(at, adminId, recipients);
  }
}
