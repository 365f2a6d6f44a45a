import BetterSqlite3 from "better-sqlite3";
import { readdir } from "node:fs/promises";
import { join, relative } from "node:path";

/**
 * Tables that keep an account's id after its deletion on purpose: the admin audit log is the
 * admins' record of what they did (the deletion itself included); see docs/admin.md.
 */
export const KEPT_AFTER_DELETION = ["audit_log"];

/** `<data_dir>`: where the server keeps its databases, media and exports. */
const dataDir = (server: { dataDir: string }) => join(server.dataDir, "data");

/**
 * Every row, in every table of every `.sqlite` file of the server, whose values mention `accountId`
 * (read through WAL readers, so the server may be running). `table` is `file/table`.
 */
export async function rowsNaming(
  server: { dataDir: string },
  accountId: string,
  except: readonly string[] = KEPT_AFTER_DELETION,
): Promise<{ table: string; row: string }[]> {
  const found: { table: string; row: string }[] = [];
  const files = (await readdir(dataDir(server))).filter((name) => name.endsWith(".sqlite"));
  for (const file of files) {
    const db = new BetterSqlite3(join(dataDir(server), file), { readonly: true });
    try {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
        name: string;
      }[];
      for (const { name } of tables) {
        if (except.includes(name)) continue;
        for (const row of db.prepare(`SELECT * FROM "${name}"`).iterate()) {
          const text = JSON.stringify(row, (_key, value: unknown) =>
            Buffer.isBuffer(value) ? value.toString("latin1") : value,
          );
          if (text.includes(accountId)) found.push({ table: `${file}/${name}`, row: text });
        }
      }
    } finally {
      db.close();
    }
  }
  return found;
}

/** Every file or directory under the data directory whose path names `accountId`. */
export async function pathsNaming(server: { dataDir: string }, accountId: string): Promise<string[]> {
  const entries = await readdir(dataDir(server), { recursive: true, withFileTypes: true });
  return entries
    .map((entry) => relative(dataDir(server), join(entry.parentPath, entry.name)))
    .filter((path) => path.includes(accountId));
}
