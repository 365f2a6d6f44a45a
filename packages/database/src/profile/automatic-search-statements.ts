import type { Database, Statement } from "better-sqlite3";

/** One account's automatic search: its settings and its last run's results (JSON account ids). */
export interface AutomaticSearchRow {
  account_id: string;
  settings: string;
  /** Profiles listed after this are new to the account (its last run, or when it switched on). */
  since: number;
  last_run_at: number | null;
  version: number;
  results: string;
}

/** The automatic search's tables in profile.sqlite. Writes run inside writer batches. */
export class AutomaticSearchStatements {
  private readonly allStmt: Statement<[], AutomaticSearchRow>;
  private readonly saveStmt: Statement<[AutomaticSearchRow]>;
  private readonly listedSinceStmt: Statement<[number], { account_id: string; listed_at: number }>;
  private readonly setListedStmt: Statement<[string, number]>;
  private readonly pruneListedStmt: Statement<[number]>;

  constructor(db: Database) {
    this.allStmt = db.prepare(
      "SELECT account_id, settings, since, last_run_at, version, results FROM automatic_search",
    );
    this.saveStmt = db.prepare(
      `INSERT OR REPLACE INTO automatic_search (account_id, settings, since, last_run_at, version, results)
       VALUES (@account_id, @settings, @since, @last_run_at, @version, @results)`,
    );
    this.listedSinceStmt = db.prepare(
      "SELECT account_id, listed_at FROM profile_listed WHERE listed_at > ? ORDER BY listed_at",
    );
    this.setListedStmt = db.prepare(
      "INSERT OR REPLACE INTO profile_listed (account_id, listed_at) VALUES (?, ?)",
    );
    this.pruneListedStmt = db.prepare("DELETE FROM profile_listed WHERE listed_at <= ?");
  }

  all(): AutomaticSearchRow[] {
    return this.allStmt.all();
  }

  save(row: AutomaticSearchRow): void {
    this.saveStmt.run(row);
  }

  /** When profiles entered the listing after `after`, oldest first. */
  listedSince(after: number): { account_id: string; listed_at: number }[] {
    return this.listedSinceStmt.all(after);
  }

  setListed(accountId: string, listedAt: number): void {
    this.setListedStmt.run(accountId, listedAt);
  }

  pruneListed(before: number): void {
    this.pruneListedStmt.run(before);
  }
}
