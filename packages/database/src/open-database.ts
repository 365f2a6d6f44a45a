import BetterSqlite3, { type Database } from "better-sqlite3";
import { closeSync, mkdirSync, openSync } from "node:fs";
import { dirname } from "node:path";
import { migrate, type Migration } from "./migrations.js";

export type { Database };

/**
 * Opens one component database: WAL with `synchronous=FULL` (a committed transaction survives power
 * loss), foreign keys on, deleted content overwritten, and migrations applied.
 */
export function openDatabase(path: string, migrations: readonly Migration[]): Database {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  // Created 0600 before SQLite opens it: SQLite gives the -wal and -shm files the database's mode.
  closeSync(openSync(path, "a", 0o600));
  const db = new BetterSqlite3(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
  db.pragma("secure_delete = ON");
  db.pragma("busy_timeout = 5000");
  migrate(db, migrations);
  return db;
}
