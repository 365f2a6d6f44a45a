import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "./open-database.js";

let dir: string;
let db: Database | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "venus-open-"));
});

afterEach(() => {
  db?.close();
  db = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe("openDatabase", () => {
  it("creates the directory, uses WAL with synchronous=FULL and foreign keys, and migrates", () => {
    const path = join(dir, "nested", "account.sqlite");
    db = openDatabase(path, [
      {
        version: 1,
        name: "parent and child",
        sql: `CREATE TABLE parent (id INTEGER PRIMARY KEY);
              CREATE TABLE child (parent_id INTEGER NOT NULL REFERENCES parent(id));`,
      },
    ]);
    expect(existsSync(path)).toBe(true);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("synchronous", { simple: true })).toBe(2);
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(db.pragma("secure_delete", { simple: true })).toBe(1);
    expect(db.pragma("user_version", { simple: true })).toBe(1);
    expect(() => db?.prepare("INSERT INTO child (parent_id) VALUES (42)").run()).toThrow(/FOREIGN KEY/);
  });
});
