import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type Database } from "@venus/database";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WalSync } from "./wal-sync.js";

let dir: string;
let db: Database | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "venus-wal-sync-"));
});

afterEach(() => {
  db?.close();
  db = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe("WalSync", () => {
  it("flushes the WAL of an open database, every caller's promise resolving", async () => {
    const path = join(dir, "test.sqlite");
    db = openDatabase(path, [{ version: 1, name: "t", sql: "CREATE TABLE t (x INTEGER)" }]);
    db.pragma("synchronous = NORMAL");
    db.prepare("INSERT INTO t VALUES (1)").run();
    const sync = new WalSync(path);
    // The second and third arrive while the first runs: they share the flush after it.
    await expect(Promise.all([sync.sync(), sync.sync(), sync.sync()])).resolves.toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    await expect(sync.sync()).resolves.toBeUndefined();
    sync.close();
  });

  it("rejects when there is no WAL to flush, and keeps serving later calls", async () => {
    const sync = new WalSync(join(dir, "missing.sqlite"));
    await expect(sync.sync()).rejects.toMatchObject({ code: "ENOENT" });
    await expect(sync.sync()).rejects.toMatchObject({ code: "ENOENT" });
  });
});
