import type { Database, Statement } from "better-sqlite3";
import { iterateColumns } from "../read-columns.js";
import type { FavoriteRow, ProfileLoadRow, ProfileRow, StoredFieldRow } from "./profile-rows.js";

/** Every profile column: what the upsert writes and, in this order, what start-up reads. */
export const PROFILE_COLUMNS = [
  "account_id",
  "version",
  "name",
  "name_state",
  "name_reason",
  "name_changed_at",
  "text",
  "text_state",
  "text_reason",
  "text_changed_at",
  "age",
  "initial_age",
  "initial_age_year",
  "gender",
  "wanted_genders",
  "wanted_age_min",
  "wanted_age_max",
  "unlimited_likes",
  "attributes",
  "latitude",
  "longitude",
  "visibility",
  "show_last_seen",
  "show_online",
  "created_at",
  "edited_at",
] as const satisfies readonly (keyof ProfileRow)[];

/** Every statement the profile component runs, prepared once. Writes run inside writer batches. */
export class ProfileStatements {
  private readonly upsertStmt: Statement<[ProfileRow]>;
  private readonly insertFavoriteStmt: Statement<[FavoriteRow]>;
  private readonly deleteFavoriteStmt: Statement<[string, string]>;
  private readonly putHistoryStmt: Statement<[string, string]>;
  private readonly deleteAccountStmts: Statement<{ id: string }>[];
  private readonly fieldStmts: Record<"name" | "text", Statement<[string]>>;

  constructor(private readonly db: Database) {
    // A profile is small and edited as a whole: one upsert of the full row keeps writes simple.
    this.upsertStmt = db.prepare(
      `INSERT INTO profile (${PROFILE_COLUMNS.join(", ")}) VALUES (${PROFILE_COLUMNS.map((c) => `@${c}`).join(", ")})
       ON CONFLICT(account_id) DO UPDATE SET ${PROFILE_COLUMNS.slice(1)
         .map((c) => `${c} = excluded.${c}`)
         .join(", ")}`,
    );
    this.insertFavoriteStmt = db.prepare(
      "INSERT OR IGNORE INTO favorite (account_id, favorite_id, added_at) VALUES (@account_id, @favorite_id, @added_at)",
    );
    this.deleteFavoriteStmt = db.prepare("DELETE FROM favorite WHERE account_id = ? AND favorite_id = ?");
    this.putHistoryStmt = db.prepare(
      "INSERT INTO statistics_history (day, data) VALUES (?, ?) ON CONFLICT(day) DO UPDATE SET data = excluded.data",
    );
    const field = (name: string) =>
      db.prepare(
        `SELECT ${name} AS value, ${name}_reason AS reason, ${name}_changed_at AS changed_at FROM profile WHERE account_id = ?`,
      );
    this.fieldStmts = { name: field("name"), text: field("text") };
    this.deleteAccountStmts = [
      db.prepare("DELETE FROM profile WHERE account_id = @id"),
      db.prepare("DELETE FROM favorite WHERE account_id = @id OR favorite_id = @id"),
      db.prepare("DELETE FROM automatic_search WHERE account_id = @id"),
      db.prepare("DELETE FROM profile_listed WHERE account_id = @id"),
    ];
  }

  /**
   * Every profile as arrays of `columns`, streamed: a million profiles never sit in memory twice
   * while the cache is built. `name_length` and `text_length` read a length in characters, not the value.
   */
  loadProfiles<const C extends readonly (keyof ProfileLoadRow & string)[]>(columns: C) {
    return iterateColumns<ProfileLoadRow, C>(this.db, "profile", columns, {
      name_length: "length(name)",
      text_length: "length(text)",
    });
  }

  /** A profile's stored name or text with its moderation columns; read when it is shown or saved. */
  moderatedField(accountId: string, field: "name" | "text"): StoredFieldRow | undefined {
    return this.fieldStmts[field].get(accountId) as StoredFieldRow | undefined;
  }

  loadFavorites(): FavoriteRow[] {
    return this.db.prepare("SELECT * FROM favorite ORDER BY added_at, rowid").all() as FavoriteRow[];
  }

  loadStatisticsHistory(): { day: string; data: string }[] {
    return this.db.prepare("SELECT day, data FROM statistics_history ORDER BY day").all() as {
      day: string;
      data: string;
    }[];
  }

  saveProfile(row: ProfileRow): void {
    this.upsertStmt.run(row);
  }

  addFavorite(row: FavoriteRow): void {
    this.insertFavoriteStmt.run(row);
  }

  removeFavorite(accountId: string, favoriteId: string): void {
    this.deleteFavoriteStmt.run(accountId, favoriteId);
  }

  putStatisticsHistory(day: string, json: string): void {
    this.putHistoryStmt.run(day, json);
  }

  /** Account deletion: the profile, its favorites, it in others' favorites, its automatic search. */
  deleteAccount(id: string): void {
    for (const statement of this.deleteAccountStmts) statement.run({ id });
  }
}
