import type { Database, Statement } from "better-sqlite3";
import type { ReportRow } from "./chat-rows.js";

/** What the in-memory report index needs of a waiting report. */
export type WaitingReportRow = Pick<ReportRow, "report_id" | "reporter" | "reported" | "kind" | "target">;

export interface ReportPageQuery {
  state: string;
  /** Every kind when undefined. */
  kind: string | undefined;
  /** Only reports with a higher id (the previous page's last). */
  after: number;
  limit: number;
}

export interface ReportDecisionRow {
  report_id: number;
  state: string;
  decided_at: number;
  decided_by: string;
  note: string | null;
}

/**
 * The report queue in `chat.sqlite`. Reports are read by admins page by page, and their snapshots
 * (signed envelopes) can be large, so rows stay on disk; what requests check (waiting reports, counts)
 * is loaded into memory once at start-up. Ids are given by the caller, in order.
 */
export class ReportStatements {
  private readonly insertStmt: Statement<[ReportRow]>;
  private readonly decideStmt: Statement<[ReportDecisionRow]>;
  private readonly byIdStmt: Statement<[number], ReportRow>;
  private readonly pageStmt: Statement<[Omit<ReportPageQuery, "kind">], ReportRow>;
  private readonly kindPageStmt: Statement<[ReportPageQuery], ReportRow>;
  private readonly madeByStmt: Statement<[string], ReportRow>;
  private readonly deleteAccountStmts: Statement<{ id: string }>[];

  constructor(private readonly db: Database) {
    this.insertStmt = db.prepare(
      `INSERT INTO reports (report_id, reporter, reported, kind, target, category, details, snapshot,
         created_at, state, decided_at, decided_by, note)
       VALUES (@report_id, @reporter, @reported, @kind, @target, @category, @details, @snapshot,
         @created_at, @state, @decided_at, @decided_by, @note)`,
    );
    this.decideStmt = db.prepare(
      `UPDATE reports SET state = @state, decided_at = @decided_at, decided_by = @decided_by, note = @note
       WHERE report_id = @report_id`,
    );
    this.byIdStmt = db.prepare("SELECT * FROM reports WHERE report_id = ?");
    this.pageStmt = db.prepare(
      "SELECT * FROM reports WHERE state = @state AND report_id > @after ORDER BY report_id LIMIT @limit",
    );
    this.kindPageStmt = db.prepare(
      `SELECT * FROM reports WHERE state = @state AND kind = @kind AND report_id > @after
       ORDER BY report_id LIMIT @limit`,
    );
    this.madeByStmt = db.prepare("SELECT * FROM reports WHERE reporter = ? ORDER BY report_id");
    this.deleteAccountStmts = [
      "DELETE FROM reports WHERE reporter = @id OR reported = @id",
      // A decision stays on reports about others; only who made it goes.
      "UPDATE reports SET decided_by = NULL WHERE decided_by = @id",
    ].map((sql) => db.prepare(sql));
  }

  /** Every waiting report, oldest first. */
  loadWaiting = () =>
    this.db
      .prepare(
        "SELECT report_id, reporter, reported, kind, target FROM reports WHERE state = 'waiting' ORDER BY report_id",
      )
      .iterate() as IterableIterator<WaitingReportRow>;

  /** How many reports of each reporter were rejected. */
  rejectedCounts = () =>
    this.db
      .prepare("SELECT reporter, COUNT(*) AS count FROM reports WHERE state = 'rejected' GROUP BY reporter")
      .all() as { reporter: string; count: number }[];

  /** How many reports each reporter made since `since` (unix ms). */
  madeSince = (since: number) =>
    this.db
      .prepare("SELECT reporter, COUNT(*) AS count FROM reports WHERE created_at >= ? GROUP BY reporter")
      .all(since) as { reporter: string; count: number }[];

  maxId = (): number =>
    (this.db.prepare("SELECT MAX(report_id) AS id FROM reports").get() as { id: number | null }).id ?? 0;

  insert(row: ReportRow): void {
    this.insertStmt.run(row);
  }

  decide(row: ReportDecisionRow): void {
    this.decideStmt.run(row);
  }

  byId(reportId: number): ReportRow | undefined {
    return this.byIdStmt.get(reportId);
  }

  /** Every report `reporter` made, oldest first (its data export). */
  madeBy(reporter: string): ReportRow[] {
    return this.madeByStmt.all(reporter);
  }

  /** Account deletion: the reports it made or that are about it, and its name on decisions. */
  deleteAccount(accountId: string): void {
    for (const statement of this.deleteAccountStmts) statement.run({ id: accountId });
  }

  /** Oldest first. */
  page(query: ReportPageQuery): ReportRow[] {
    const { kind, ...rest } = query;
    return kind === undefined ? this.pageStmt.all(rest) : this.kindPageStmt.all({ ...rest, kind });
  }
}
