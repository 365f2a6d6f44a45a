import type { Database, Statement } from "better-sqlite3";

export interface NewsItemRow {
  id: number;
  default_language: string;
  /** JSON: language → {title, body}. */
  translations: string;
  banner_severity: string | null;
  banner_until: number | null;
  created_at: number;
  updated_at: number;
  published_at: number | null;
}

/** News items (few: all loaded at start-up) and each account's read mark, in account.sqlite. */
export class NewsStatements {
  private readonly allStmt: Statement<[], NewsItemRow>;
  private readonly insertStmt: Statement<[Omit<NewsItemRow, "id">]>;
  private readonly updateStmt: Statement<[NewsItemRow]>;
  private readonly deleteStmt: Statement<[number]>;
  private readonly seenStmt: Statement<[], { account_id: string; seen_at: number }>;
  private readonly setSeenStmt: Statement<[string, number]>;

  constructor(db: Database) {
    this.allStmt = db.prepare("SELECT * FROM news_item ORDER BY id");
    this.insertStmt = db.prepare(
      `INSERT INTO news_item (default_language, translations, banner_severity, banner_until, created_at, updated_at, published_at)
       VALUES (@default_language, @translations, @banner_severity, @banner_until, @created_at, @updated_at, @published_at)`,
    );
    this.updateStmt = db.prepare(
      `UPDATE news_item SET default_language = @default_language, translations = @translations,
         banner_severity = @banner_severity, banner_until = @banner_until, updated_at = @updated_at,
         published_at = @published_at
       WHERE id = @id`,
    );
    this.deleteStmt = db.prepare("DELETE FROM news_item WHERE id = ?");
    this.seenStmt = db.prepare("SELECT account_id, seen_at FROM news_seen");
    this.setSeenStmt = db.prepare(
      "INSERT INTO news_seen (account_id, seen_at) VALUES (?, ?) ON CONFLICT(account_id) DO UPDATE SET seen_at = excluded.seen_at",
    );
  }

  all(): NewsItemRow[] {
    return this.allStmt.all();
  }

  /** The new item's id. */
  insert(row: Omit<NewsItemRow, "id">): number {
    return Number(this.insertStmt.run(row).lastInsertRowid);
  }

  update(row: NewsItemRow): void {
    this.updateStmt.run(row);
  }

  delete(id: number): void {
    this.deleteStmt.run(id);
  }

  seen(): { account_id: string; seen_at: number }[] {
    return this.seenStmt.all();
  }

  setSeen(accountId: string, seenAt: number): void {
    this.setSeenStmt.run(accountId, seenAt);
  }
}
