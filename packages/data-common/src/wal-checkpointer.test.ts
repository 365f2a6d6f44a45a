import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { openDatabase, type Database, type Migration } from "@venus/database";
import { createLogger, Metrics } from "@venus/simple-backend";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GroupCommitWriter, WriterMetrics, type WriterOptions } from "./group-commit-writer.js";
import { WalCheckpointer } from "./wal-checkpointer.js";
import { WalSync } from "./wal-sync.js";

const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: "rows",
    sql: "CREATE TABLE row (id INTEGER PRIMARY KEY, payload TEXT NOT NULL) STRICT;",
  },
];
const PAYLOAD = "x".repeat(1000);
const WAL_BYTES = 64 * 1024;

let dir: string;
let path: string;
const databases: Database[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "venus-checkpoint-"));
  path = join(dir, "test.sqlite");
});

afterEach(() => {
  for (const db of databases.splice(0)) if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

function open(): Database {
  const db = openDatabase(path, MIGRATIONS);
  databases.push(db);
  return db;
}

function writer(db: Database, options: Partial<WriterOptions>): GroupCommitWriter {
  return new GroupCommitWriter(db, {
    name: "test",
    maxBatchDelayMs: 0,
    maxBatchSize: 20,
    log: createLogger("silent", "test"),
    metrics: new WriterMetrics(new Metrics()),
    ...options,
  });
}

const insert = (db: Database) => db.prepare("INSERT INTO row (payload) VALUES (?)").run(PAYLOAD);
const walSize = () => statSync(`${path}-wal`).size;
const rows = (db: Database) => (db.prepare("SELECT count(*) AS n FROM row").get() as { n: number }).n;

describe("WalCheckpointer", () => {
  it("commits nothing while a checkpoint runs, then what gathered meanwhile in one batch", async () => {
    const db = open();
    let finish: () => void = () => undefined;
    let runs = 0;
    const checkpointer = {
      due: () => runs === 0,
      run: () => new Promise<void>((resolve) => ((runs += 1), (finish = resolve))),
      close: () => Promise.resolve(),
    };
    const w = writer(db, { checkpointer });
    await w.write(insert);
    expect(runs).toBe(1);
    const later = [w.write(insert), w.write(insert)];
    const flushed = w.flush();
    await sleep(20);
    expect(rows(db)).toBe(1);
    finish();
    await Promise.all([...later, flushed]);
    expect(rows(db)).toBe(3);
    await w.close();
  });

  it("keeps the WAL near its limit with the writer's connection never checkpointing nor syncing", async () => {
    const db = open();
    const checkpointer = new WalCheckpointer(db, path, WAL_BYTES);
    expect(db.pragma("synchronous", { simple: true })).toBe(0);
    expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(0);
    const w = writer(db, { walSync: new WalSync(path), checkpointer });
    let largest = 0;
    for (let i = 0; i < 50; i++) {
      await Promise.all(Array.from({ length: 20 }, () => w.write(insert)));
      largest = Math.max(largest, walSize());
    }
    // 1,000 rows of 1 KB went through a WAL never much more than one batch (20 rows) past the limit.
    expect(largest).toBeLessThan(WAL_BYTES + 20 * 2 * 4096 + 4096);
    // Every row is in the database file or in that small WAL: the checkpoints moved the rest. (The file
    // alone is not the measure: a checkpoint may still be running when the last batch is answered.)
    expect(statSync(path).size + walSize()).toBeGreaterThan(1000 * 1000);
    await w.close();
    expect(db.pragma("synchronous", { simple: true })).toBe(1);
    db.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(rows(open())).toBe(1000);
  });

  it("leaves the WAL to a reader that still needs it, syncing WAL headers meanwhile, and empties it once the reader is done", async () => {
    const db = open();
    const w = writer(db, {
      walSync: new WalSync(path),
      checkpointer: new WalCheckpointer(db, path, WAL_BYTES),
    });
    await w.write(insert);
    const reader = open();
    reader.exec("BEGIN");
    expect(rows(reader)).toBe(1);
    for (let i = 0; i < 10; i++) await Promise.all(Array.from({ length: 20 }, () => w.write(insert)));
    expect(walSize()).toBeGreaterThan(200 * 1000);
    expect(rows(reader)).toBe(1);
    // Not emptied: should the writer's connection start the WAL again, it syncs the new header.
    expect(db.pragma("synchronous", { simple: true })).toBe(1);
    reader.exec("COMMIT");
    // A checkpoint that met the reader waits a second before the next try.
    await sleep(1_100);
    await w.write(insert);
    await w.flush();
    while (walSize() > WAL_BYTES) {
      await sleep(50);
      await w.write(insert);
    }
    expect(rows(reader)).toBeGreaterThan(200);
    expect(db.pragma("synchronous", { simple: true })).toBe(0);
    await w.close();
  });
});
