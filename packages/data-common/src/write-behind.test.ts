import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { openDatabase, type Database, type Migration } from "@venus/database";
import { createLogger, Metrics } from "@venus/simple-backend";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GroupCommitWriter, WriterMetrics } from "./group-commit-writer.js";
import { WriteBehind, WriteBehindFlusher } from "./write-behind.js";

const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: "last seen",
    sql: "CREATE TABLE seen (id TEXT PRIMARY KEY, at INTEGER NOT NULL) STRICT;",
  },
];

let dir: string;
let db: Database;
let reader: Database;
let metrics: WriterMetrics;
let writer: GroupCommitWriter;
let persisted: [string, number][];
let failing: boolean;

function persist(database: Database, id: string, at: number): void {
  if (failing) throw new Error("disk full");
  persisted.push([id, at]);
  database
    .prepare("INSERT INTO seen (id, at) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET at = excluded.at")
    .run(id, at);
}

function rows(): Record<string, number> {
  const all = reader.prepare("SELECT id, at FROM seen").all() as {
    id: string;
    at: number;
  }[];
  return Object.fromEntries(all.map((row) => [row.id, row.at]));
}

async function writerOps(): Promise<number> {
  const { values } = await metrics.batchSize.get();
  return values.find((v) => v.metricName === "venus_writer_batch_size_sum")?.value ?? 0;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "venus-write-behind-"));
  const path = join(dir, "test.sqlite");
  db = openDatabase(path, MIGRATIONS);
  reader = openDatabase(path, MIGRATIONS);
  reader.pragma("query_only = ON");
  metrics = new WriterMetrics(new Metrics());
  writer = new GroupCommitWriter(db, {
    name: "test",
    maxBatchDelayMs: 1,
    maxBatchSize: 100,
    log: createLogger("silent", "test"),
    metrics,
  });
  persisted = [];
  failing = false;
});

afterEach(() => {
  db.close();
  reader.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("WriteBehind", () => {
  it("flushes only the latest value per key, in one writer operation", async () => {
    const store = new WriteBehind<string, number>(writer, persist);
    store.set("a", 1);
    store.set("b", 5);
    store.set("a", 2);
    expect(store.size).toBe(2);
    expect(rows()).toEqual({});
    await store.flush();
    expect(persisted).toEqual([
      ["a", 2],
      ["b", 5],
    ]);
    expect(rows()).toEqual({ a: 2, b: 5 });
    expect(await writerOps()).toBe(1);
    expect(store.size).toBe(0);
  });

  it("does not call the writer when nothing changed", async () => {
    const store = new WriteBehind<string, number>(writer, persist);
    await store.flush();
    store.set("a", 1);
    await store.flush();
    await store.flush();
    expect(await writerOps()).toBe(1);
  });

  it("keeps values set while a flush runs for the next flush", async () => {
    const store = new WriteBehind<string, number>(writer, persist);
    store.set("a", 1);
    const flushing = store.flush();
    store.set("a", 2);
    store.set("b", 3);
    await flushing;
    expect(rows()).toEqual({ a: 1 });
    await store.flush();
    expect(rows()).toEqual({ a: 2, b: 3 });
  });

  it("loses nothing when a flush fails, and keeps newer values over the failed ones", async () => {
    const store = new WriteBehind<string, number>(writer, persist);
    store.set("a", 1);
    store.set("b", 5);
    failing = true;
    const flushing = store.flush();
    store.set("a", 3);
    store.set("c", 7);
    await expect(flushing).rejects.toThrow("disk full");
    expect(rows()).toEqual({});
    expect(store.size).toBe(3);
    failing = false;
    await store.flush();
    expect(rows()).toEqual({ a: 3, b: 5, c: 7 });
  });
});

describe("WriteBehindFlusher", () => {
  it("flushes every store on demand and on its timer until stopped", async () => {
    const errors: unknown[] = [];
    const flusher = new WriteBehindFlusher((error) => errors.push(error));
    const first = new WriteBehind<string, number>(writer, persist);
    const second = new WriteBehind<string, number>(writer, (d, id, at) => persist(d, `second:${id}`, at));
    flusher.add(first);
    flusher.add(second);
    first.set("a", 1);
    second.set("a", 2);
    await flusher.flushAll();
    expect(rows()).toEqual({ a: 1, "second:a": 2 });

    flusher.start(10);
    try {
      first.set("b", 3);
      for (let i = 0; i < 100 && rows().b === undefined; i++) await sleep(10);
      expect(rows().b).toBe(3);
      failing = true;
      first.set("c", 4);
      for (let i = 0; i < 100 && errors.length === 0; i++) await sleep(10);
      expect(errors[0]).toEqual(new Error("disk full"));
    } finally {
      flusher.stop();
    }
    failing = false;
    await sleep(30); // a flush the timer started before stop() may still finish
    first.set("d", 5);
    await sleep(60);
    expect(rows().d).toBeUndefined();
    await flusher.flushAll();
    expect(rows()).toMatchObject({ c: 4, d: 5 });
  });
});
