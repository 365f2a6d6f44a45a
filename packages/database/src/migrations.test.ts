import BetterSqlite3, { type Database } from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrate, type Migration } from "./migrations.js";

const M1: Migration = {
  version: 1,
  name: "notes",
  sql: "CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT;",
};
const M2: Migration = {
  version: 2,
  name: "tags",
  sql: `CREATE TABLE tag (name TEXT PRIMARY KEY) STRICT;
        INSERT INTO tag (name) VALUES ('first');`,
};
const M3: Migration = {
  version: 3,
  name: "note title",
  sql: "ALTER TABLE note ADD COLUMN title TEXT;",
};

let dir: string;
let path: string;
const open: Database[] = [];

function openDb(): Database {
  const db = new BetterSqlite3(path);
  open.push(db);
  return db;
}

function userVersion(db: Database): number {
  return db.pragma("user_version", { simple: true }) as number;
}

function tables(db: Database): string[] {
  return (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((row) => row.name);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "venus-migrations-"));
  path = join(dir, "test.sqlite");
});

afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("migrate", () => {
  it("applies every migration to a new database and records user_version", () => {
    const db = openDb();
    expect(migrate(db, [M1, M2])).toBe(2);
    expect(userVersion(db)).toBe(2);
    expect(tables(db)).toEqual(["note", "tag"]);
    expect(db.prepare("SELECT name FROM tag").all()).toEqual([{ name: "first" }]);
  });

  it("applies each migration once, also after reopening the file", () => {
    const db = openDb();
    migrate(db, [M1, M2]);
    expect(migrate(db, [M1, M2])).toBe(0);
    db.close();
    const again = openDb();
    expect(userVersion(again)).toBe(2);
    expect(migrate(again, [M1, M2])).toBe(0);
    expect(again.prepare("SELECT count(*) AS n FROM tag").get()).toEqual({
      n: 1,
    });
  });

  it("applies only the pending ones", () => {
    const db = openDb();
    migrate(db, [M1]);
    db.prepare("INSERT INTO note (body) VALUES ('kept')").run();
    expect(migrate(db, [M1, M2, M3])).toBe(2);
    expect(userVersion(db)).toBe(3);
    expect(db.prepare("SELECT body, title FROM note").all()).toEqual([{ body: "kept", title: null }]);
  });

  it("refuses a database newer than the program, changing nothing", () => {
    const db = openDb();
    migrate(db, [M1, M2, M3]);
    expect(() => migrate(db, [M1, M2])).toThrow("database schema version 3 is newer than this program (2)");
    expect(userVersion(db)).toBe(3);
  });

  it("rolls back a failing migration completely and keeps the earlier ones", () => {
    const db = openDb();
    const broken: Migration = {
      version: 2,
      name: "broken",
      sql: `CREATE TABLE half (id INTEGER PRIMARY KEY);
            INSERT INTO note (body) VALUES ('written by the broken migration');
            INSERT INTO missing_table VALUES (1);`,
    };
    expect(() => migrate(db, [M1, broken, M3])).toThrow(/missing_table/);
    expect(userVersion(db)).toBe(1);
    expect(tables(db)).toEqual(["note"]);
    expect(db.prepare("SELECT count(*) AS n FROM note").get()).toEqual({
      n: 0,
    });
    expect(migrate(db, [M1, M2, M3])).toBe(2);
    expect(userVersion(db)).toBe(3);
  });

  it("refuses migrations that are not numbered 1, 2, 3 … before touching the database", () => {
    const db = openDb();
    expect(() => migrate(db, [M1, M3])).toThrow("migration note title has version 3, expected 2");
    expect(userVersion(db)).toBe(0);
    expect(tables(db)).toEqual([]);
  });
});
