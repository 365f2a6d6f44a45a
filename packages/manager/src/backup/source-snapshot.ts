import { copyFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import type { FileEntry } from "./backup-values.js";
import { digestBlocks, type BlockDigest } from "./file-blocks.js";
import { SAFE_NAME } from "./store-layout.js";

/** A file of the snapshot, copied into the source's work directory, with its blocks' hashes. */
export interface LocalFile extends FileEntry, BlockDigest {
  file: string;
}

/**
 * Dependents before what they reference: a row a later copy names was there in the earlier one. Every
 * database names accounts, so `account.sqlite` goes last and any other database before it.
 */
const DATABASE_ORDER = ["chat.sqlite", "media.sqlite", "profile.sqlite"];
const LAST = "account.sqlite";
/** Never copied: the lock, SQLite's side files (the backup API reads through them), hidden files. */
const SKIPPED = /^(venus\.lock|.*-wal|.*-shm|.*-journal)$/;

export function databaseOrder(names: readonly string[]): string[] {
  const databases = names.filter((name) => name.endsWith(".sqlite"));
  const known = DATABASE_ORDER.filter((name) => databases.includes(name));
  const others = databases.filter((name) => !known.includes(name) && name !== LAST).sort();
  return [...known, ...others, ...(databases.includes(LAST) ? [LAST] : [])];
}

/**
 * Copies each database of the server's data directory with SQLite's online backup API, in one step:
 * one read transaction, which in WAL mode never blocks the server's writer (a write between steps
 * would restart the copy). Then copies the other small top-level files whole.
 */
export async function snapshotDataDir(dataDir: string, workDir: string): Promise<LocalFile[]> {
  const entries = await readdir(dataDir, { withFileTypes: true });
  const regular = entries
    .filter((entry) => entry.isFile() && SAFE_NAME.test(entry.name) && !SKIPPED.test(entry.name))
    .map((entry) => entry.name);
  const copied: LocalFile[] = [];
  for (const name of databaseOrder(regular)) {
    const file = join(workDir, name);
    const db = new BetterSqlite3(join(dataDir, name), { readonly: true, fileMustExist: true });
    try {
      await db.backup(file, { progress: () => 0x7fffffff });
    } finally {
      db.close();
    }
    copied.push({ name, file, ...(await digestBlocks(file)) });
  }
  for (const name of regular.filter((name) => !name.endsWith(".sqlite")).sort()) {
    const file = join(workDir, name);
    await copyFile(join(dataDir, name), file);
    copied.push({ name, file, ...(await digestBlocks(file)) });
  }
  return copied;
}
