import type { Database } from "better-sqlite3";

export interface Migration {
  /** 1, 2, 3 …: applied in order, each once; the database's `user_version` records the last one. */
  version: number;
  name: string;
  sql: string;
}

/** Applies the migrations newer than the database, each in its own transaction. Returns how many ran. */
export function migrate(db: Database, migrations: readonly Migration[]): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  const current = db.pragma("user_version", { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(`database schema version ${current} is newer than this program (${migrations.length})`);
  }
  const pending = migrations.slice(current);
  for (const migration of pending) {
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return pending.length;
}
