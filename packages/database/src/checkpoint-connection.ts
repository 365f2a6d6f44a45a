import BetterSqlite3, { type Database } from "better-sqlite3";

/** `PRAGMA wal_checkpoint`'s answer: whether it could not finish, WAL frames, frames copied. */
export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

/**
 * A second connection to a WAL database that only checkpoints it, for a thread other than the
 * writer's. `synchronous=NORMAL` makes its checkpoints sync the WAL before copying pages and the
 * database before the WAL may be reused. No busy wait: a checkpoint that meets a reader or a writer
 * reports busy at once, and the caller tries again later.
 */
export function openCheckpointConnection(path: string): Database {
  const db = new BetterSqlite3(path, { fileMustExist: true });
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 0");
  db.pragma("wal_autocheckpoint = 0");
  return db;
}

/**
 * Copies every WAL frame into the database, syncs it, and truncates the WAL to zero bytes
 * (`TRUNCATE` mode); `busy` when a reader still needs frames or a writer holds the lock.
 */
export function checkpointTruncate(db: Database): CheckpointResult {
  return (db.pragma("wal_checkpoint(TRUNCATE)") as CheckpointResult[])[0] as CheckpointResult;
}
