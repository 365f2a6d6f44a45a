import type { Database, Statement } from "better-sqlite3";
import type { AuditRow } from "./account-rows.js";

interface PageParams {
  before: number;
  limit: number;
}

export interface AuditQuery {
  /** Only entries with an id below this (the previous page's last id). */
  before: number | undefined;
  limit: number;
  /** Only entries by this admin or about this account. */
  accountId: string | undefined;
}

/**
 * The admin audit log in `account.sqlite`. It is append-only and read only by admins, page by page,
 * so it stays on disk rather than in memory; ids only grow (AUTOINCREMENT), newest is highest.
 */
export class AuditStatements {
  private readonly insertStmt: Statement<[Omit<AuditRow, "id">]>;
  private readonly pageStmt: Statement<[PageParams], AuditRow>;
  private readonly accountPageStmt: Statement<[PageParams & { account: string }], AuditRow>;

  constructor(db: Database) {
    this.insertStmt = db.prepare(
      `INSERT INTO audit_log (at, admin_id, action, target_id, details)
       VALUES (@at, @admin_id, @action, @target_id, @details)`,
    );
    this.pageStmt = db.prepare("SELECT * FROM audit_log WHERE id < @before ORDER BY id DESC LIMIT @limit");
    // Each side of the union walks its own index, so a rare account never scans the whole log.
    this.accountPageStmt = db.prepare(
      `SELECT * FROM audit_log WHERE admin_id = @account AND id < @before
       UNION
       SELECT * FROM audit_log WHERE target_id = @account AND id < @before
       ORDER BY id DESC LIMIT @limit`,
    );
  }

  insert(row: Omit<AuditRow, "id">): void {
    this.insertStmt.run(row);
  }

  /** Newest first. */
  page(query: AuditQuery): AuditRow[] {
    const params = { before: query.before ?? Number.MAX_SAFE_INTEGER, limit: query.limit };
    return query.accountId === undefined
      ? this.pageStmt.all(params)
      : this.accountPageStmt.all({ ...params, account: query.accountId });
  }
}
