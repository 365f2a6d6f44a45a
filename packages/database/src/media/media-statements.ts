import type { Database, Statement } from "better-sqlite3";
import type { ContentRow, MediaAccountRow } from "./media-rows.js";

const CONTENT_COLUMNS = [
  "content_id",
  "account_id",
  "state",
  "reject_category",
  "reject_details",
  "files",
  "uploaded_at",
  "moderated_at",
  "deleted_at",
  "analysis",
  "decided_rule",
  "decided_score",
] as const satisfies readonly (keyof ContentRow)[];

const ACCOUNT_COLUMNS = [
  "account_id",
  "version",
  "images",
  "crop_x",
  "crop_y",
  "crop_size",
  "security_selfie",
  "edited_at",
  "verification_state",
  "verification_selfie",
  "verification_face",
  "verification_similarity",
] as const satisfies readonly (keyof MediaAccountRow)[];

function upsert(db: Database, table: string, columns: readonly string[]): Statement {
  return db.prepare(
    `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map((c) => `@${c}`).join(", ")})
     ON CONFLICT(${columns[0]}) DO UPDATE SET ${columns
       .slice(1)
       .map((c) => `${c} = excluded.${c}`)
       .join(", ")}`,
  );
}

/** Every statement the media component runs, prepared once. Writes run inside writer batches. */
export class MediaStatements {
  private readonly upsertContentStmt: Statement<[ContentRow]>;
  private readonly deleteContentStmt: Statement<[string]>;
  private readonly upsertAccountStmt: Statement<[MediaAccountRow]>;
  private readonly deleteAccountStmts: Statement<[string]>[];

  constructor(private readonly db: Database) {
    this.upsertContentStmt = upsert(db, "content", CONTENT_COLUMNS) as Statement<[ContentRow]>;
    this.deleteContentStmt = db.prepare("DELETE FROM content WHERE content_id = ?");
    this.upsertAccountStmt = upsert(db, "media_account", ACCOUNT_COLUMNS) as Statement<[MediaAccountRow]>;
    this.deleteAccountStmts = [
      db.prepare("DELETE FROM content WHERE account_id = ?"),
      db.prepare("DELETE FROM media_account WHERE account_id = ?"),
    ];
  }

  /** Oldest upload first, so each account's list is in upload order. */
  loadContent(): IterableIterator<ContentRow> {
    return this.db
      .prepare("SELECT * FROM content ORDER BY uploaded_at, rowid")
      .iterate() as IterableIterator<ContentRow>;
  }

  loadAccounts(): IterableIterator<MediaAccountRow> {
    return this.db.prepare("SELECT * FROM media_account").iterate() as IterableIterator<MediaAccountRow>;
  }

  saveContent(row: ContentRow): void {
    this.upsertContentStmt.run(row);
  }

  deleteContent(contentId: string): void {
    this.deleteContentStmt.run(contentId);
  }

  saveAccount(row: MediaAccountRow): void {
    this.upsertAccountStmt.run(row);
  }

  /** Account deletion: every content row and the account's media row. */
  deleteAccount(accountId: string): void {
    for (const statement of this.deleteAccountStmts) statement.run(accountId);
  }
}
