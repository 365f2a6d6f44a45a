import BetterSqlite3, { type Database } from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { migrate, type Migration } from "./migrations.js";

export type { Database };

/**
 * Opens one component database: WAL with `synchronous=FULL` (a committed transaction survives power
 * loss), foreign keys on, deleted content overwritten, and migrations applied.
 */
export function openDatabase(path: string, migrations: readonly Migration[]): Database {
  mkdirSync(dirname(path), { recursive: true });
  const db = new BetterSqlite3(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
  db.pragma("secure_delete = ON");
  db.pragma("busy_timeout = 5000");
  migrate(db, migrations);
  return db;
}
