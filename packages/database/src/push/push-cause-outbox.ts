import type { Database, Statement } from "better-sqlite3";
import type { Migration } from "../migrations.js";

/**
 * The table a component's own database keeps for the pushes its writes cause: one row per account and
 * kind, its count raised by each event, so a push is queued in the same commit as its cause.
 */
export function pushCauseOutboxMigration(version: number): Migration {
  return {
    version,
    name: "push causes: events waiting to become pushes, written with their cause",
    sql: `
      CREATE TABLE push_outbox (
        account_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        count INTEGER NOT NULL,
        first_at INTEGER NOT NULL,
        last_at INTEGER NOT NULL,
        PRIMARY KEY (account_id, kind)
      ) STRICT, WITHOUT ROWID;
    `,
  };
}

/** The account whose action caused the latest event of a row (its name may go into the push). */
export function pushCauseSenderMigration(version: number): Migration {
  return {
    version,
    name: "push causes: who caused the latest event",
    sql: `ALTER TABLE push_outbox ADD COLUMN sender TEXT;`,
  };
}

export interface PushCauseRow {
  account_id: string;
  kind: string;
  count: number;
  first_at: number;
  last_at: number;
  /** The account behind the latest event (a message's sender, a liker), null when none. */
  sender: string | null;
}

/** Statements over one database's `push_outbox`. Read by the push component; small, never cached. */
export class PushCauseStatements {
  private readonly recordStmt: Statement<
    [{ account: string; kind: string; at: number; sender: string | null }]
  >;
  private readonly allStmt: Statement<[number], PushCauseRow>;
  private readonly takeStmt: Statement<[string, string, number]>;
  private readonly lessStmt: Statement<[number, string, string]>;
  private readonly forgetStmt: Statement<[string]>;

  constructor(db: Database) {
    this.recordStmt = db.prepare(
      `INSERT INTO push_outbox (account_id, kind, count, first_at, last_at, sender)
       VALUES (@account, @kind, 1, @at, @at, @sender)
       ON CONFLICT (account_id, kind) DO UPDATE SET count = count + 1, last_at = excluded.last_at,
         sender = excluded.sender`,
    );
    this.allStmt = db.prepare("SELECT * FROM push_outbox ORDER BY first_at LIMIT ?");
    this.takeStmt = db.prepare("DELETE FROM push_outbox WHERE account_id = ? AND kind = ? AND last_at <= ?");
    this.lessStmt = db.prepare(
      "UPDATE push_outbox SET count = max(count - ?, 1) WHERE account_id = ? AND kind = ?",
    );
    this.forgetStmt = db.prepare("DELETE FROM push_outbox WHERE account_id = ?");
  }

  /** Inside the cause's write: one more event of `kind` for the account, by `sender` if anyone. */
  record(accountId: string, kind: string, at: number, sender: string | null = null): void {
    this.recordStmt.run({ account: accountId, kind, at, sender });
  }

  oldestFirst(limit: number): PushCauseRow[] {
    return this.allStmt.all(limit);
  }

  /** The row is handled; events recorded after it was read stay, counted without the handled ones. */
  handled(row: PushCauseRow): void {
    if (this.takeStmt.run(row.account_id, row.kind, row.last_at).changes === 0)
      this.lessStmt.run(row.count, row.account_id, row.kind);
  }

  forgetAccount(accountId: string): void {
    this.forgetStmt.run(accountId);
  }
}
