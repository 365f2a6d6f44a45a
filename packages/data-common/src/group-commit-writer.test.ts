import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { openDatabase, type Database, type Migration } from "@venus/database";
import { createLogger, Metrics } from "@venus/simple-backend";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  GroupCommitWriter,
  WriterClosedError,
  WriterMetrics,
  type WriterOptions,
} from "./group-commit-writer.js";
import { WalSync } from "./wal-sync.js";

const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: "items",
    sql: "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE) STRICT;",
  },
];

let dir: string;
const databases: Database[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "venus-writer-"));
});

afterEach(() => {
  for (const db of databases.splice(0)) if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

function setup(options: Partial<WriterOptions> = {}) {
  const path = join(dir, "test.sqlite");
  const db = openDatabase(path, MIGRATIONS);
  // A second connection, as another process would see the file: it sees only committed data.
  const reader = openDatabase(path, MIGRATIONS);
  reader.pragma("query_only = ON");
  databases.push(db, reader);
  const metrics = new WriterMetrics(new Metrics());
  const writer = new GroupCommitWriter(db, {
    name: "test",
    maxBatchDelayMs: 5,
    maxBatchSize: 100,
    log: createLogger("silent", "test"),
    metrics,
    ...options,
  });
  const committed = () =>
    (
      reader.prepare("SELECT name FROM item ORDER BY id").all() as {
        name: string;
      }[]
    ).map((row) => row.name);
  return { db, reader, writer, metrics, committed };
}

const insert = (name: string) => (db: Database) =>
  Number(db.prepare("INSERT INTO item (name) VALUES (?)").run(name).lastInsertRowid);

/** Batches committed so far: how many, how many operations in all, and how many had at most `le`. */
async function batches(metrics: WriterMetrics, le = 1) {
  const { values } = await metrics.batchSize.get();
  const find = (metricName: string, extra: Record<string, unknown> = {}) =>
    values.find(
      (v) =>
        v.metricName === metricName &&
        v.labels.database === "test" &&
        Object.entries(extra).every(([k, x]) => v.labels[k] === x),
    )?.value ?? 0;
  return {
    count: find("venus_writer_batch_size_count"),
    operations: find("venus_writer_batch_size_sum"),
    atMostLe: find("venus_writer_batch_size_bucket", { le }),
  };
}

describe("GroupCommitWriter", () => {
  it("commits operations queued together in one transaction", async () => {
    const { writer, metrics, committed } = setup({ maxBatchDelayMs: 50 });
    const first = writer.write(insert("a"));
    const second = writer.write(insert("b"));
    await new Promise((resolve) => setImmediate(resolve));
    const third = writer.write(insert("c"));
    expect(await Promise.all([first, second, third])).toEqual([1, 2, 3]);
    expect(committed()).toEqual(["a", "b", "c"]);
    expect(await batches(metrics)).toMatchObject({ count: 1, operations: 3 });
  });

  it("resolves a write only once another connection can read it", async () => {
    const { writer, committed } = setup();
    const write = writer.write(insert("durable"));
    expect(committed()).toEqual([]);
    const seenOnResolve = await write.then(() => committed());
    expect(seenOnResolve).toEqual(["durable"]);
  });

  it("rejects a failing operation alone, rolled back, while the rest of its batch commits", async () => {
    const { writer, metrics, committed } = setup({ maxBatchDelayMs: 20 });
    const results = await Promise.allSettled([
      writer.write(insert("a")),
      writer.write((db) => {
        insert("half-written")(db);
        throw new Error("operation failed");
      }),
      writer.write(insert("a")),
      writer.write(insert("c")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "rejected", "fulfilled"]);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error("operation failed"));
    expect(String((results[2] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
    expect(committed()).toEqual(["a", "c"]);
    expect(await batches(metrics)).toMatchObject({ count: 1, operations: 4 });
  });

  it("splits the queue into batches of at most max_batch_size, committing a full batch at once", async () => {
    const { writer, metrics, committed } = setup({
      maxBatchDelayMs: 60_000,
      maxBatchSize: 2,
    });
    const names = ["a", "b", "c", "d", "e"];
    await Promise.all(names.map((name) => writer.write(insert(name))));
    expect(committed()).toEqual(names);
    expect(await batches(metrics, 2)).toEqual({
      count: 3,
      operations: 5,
      atMostLe: 3,
    });
    expect((await batches(metrics, 1)).atMostLe).toBe(1);
  });

  it("waits up to max_batch_delay_ms for more, and flush() commits at once", async () => {
    const { writer, committed } = setup({
      maxBatchDelayMs: 60_000,
      maxBatchSize: 10,
    });
    const write = writer.write(insert("waiting"));
    await sleep(30);
    expect(committed()).toEqual([]);
    await writer.flush();
    expect(committed()).toEqual(["waiting"]);
    expect(await write).toBe(1);
  });

  it("close() commits what is queued and refuses later writes", async () => {
    const { writer, committed } = setup({ maxBatchDelayMs: 60_000 });
    const queued = [writer.write(insert("a")), writer.write(insert("b"))];
    await writer.close();
    expect(committed()).toEqual(["a", "b"]);
    expect(await Promise.all(queued)).toEqual([1, 2]);
    await expect(writer.write(insert("late"))).rejects.toBeInstanceOf(WriterClosedError);
    expect(committed()).toEqual(["a", "b"]);
  });

  it("rejects every operation of a batch that cannot commit, and reports the failure", async () => {
    const failures: unknown[] = [];
    const { db, writer, metrics } = setup({ onCommitFailure: (error) => failures.push(error) });
    const writes = [writer.write(insert("a")), writer.write(insert("b"))];
    db.close();
    const results = await Promise.allSettled(writes);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(failures).toHaveLength(1);
    expect((results[0] as PromiseRejectedResult).reason).toBe(failures[0]);
    expect((await batches(metrics)).count).toBe(0);
  });
});

/** A WAL flush that finishes when the test says so, to see what the writer does meanwhile. */
function heldSync() {
  const calls: { resolve: () => void; reject: (error: Error) => void }[] = [];
  let closed = false;
  return {
    calls,
    isClosed: () => closed,
    walSync: {
      sync: () => new Promise<void>((resolve, reject) => calls.push({ resolve, reject })),
      close: () => {
        closed = true;
      },
    },
  };
}

describe("GroupCommitWriter with the WAL flushed off the event loop", () => {
  it("answers a committed write only once the WAL flush after its commit has finished", async () => {
    const held = heldSync();
    const { writer, committed } = setup({ maxBatchDelayMs: 0, walSync: held.walSync });
    let answered = false;
    const write = writer.write(insert("a")).then((id) => {
      answered = true;
      return id;
    });
    while (held.calls.length === 0) await sleep(1);
    expect(committed()).toEqual(["a"]);
    await sleep(20);
    expect(answered).toBe(false);
    held.calls[0]?.resolve();
    expect(await write).toBe(1);
  });

  it("gathers the operations that arrive while a flush runs into one batch committed when it ends", async () => {
    const held = heldSync();
    const { writer, metrics, committed } = setup({ maxBatchDelayMs: 0, walSync: held.walSync });
    const first = writer.write(insert("a"));
    while (held.calls.length === 0) await sleep(1);
    const later = [writer.write(insert("b")), writer.write(insert("c"))];
    await sleep(20);
    expect(committed()).toEqual(["a"]);
    held.calls[0]?.resolve();
    expect(await first).toBe(1);
    while (held.calls.length === 1) await sleep(1);
    expect(committed()).toEqual(["a", "b", "c"]);
    held.calls[1]?.resolve();
    expect(await Promise.all(later)).toEqual([2, 3]);
    expect(await batches(metrics)).toMatchObject({ count: 2, operations: 3 });
  });

  it("answers a commit-only write once committed, and its durable batch-mates after the flush", async () => {
    const held = heldSync();
    const { writer, committed } = setup({ maxBatchDelayMs: 0, walSync: held.walSync });
    let durableAnswered = false;
    const durable = writer.write(insert("a")).then(() => (durableAnswered = true));
    const commitOnly = writer.write(insert("b"), { durable: false });
    expect(await commitOnly).toBe(2);
    expect(committed()).toEqual(["a", "b"]);
    expect(held.calls).toHaveLength(1);
    await sleep(20);
    expect(durableAnswered).toBe(false);
    held.calls[0]?.resolve();
    await durable;
  });

  it("gathers commit-only writes while a flush runs, starts no flush for them, and flush() flushes them", async () => {
    const held = heldSync();
    const { writer, committed } = setup({ maxBatchDelayMs: 0, walSync: held.walSync });
    const first = writer.write(insert("a"));
    while (held.calls.length === 0) await sleep(1);
    const second = writer.write(insert("b"), { durable: false });
    await sleep(20);
    expect(committed()).toEqual(["a"]);
    held.calls[0]?.resolve();
    await first;
    expect(await second).toBe(2);
    expect(committed()).toEqual(["a", "b"]);
    await sleep(20);
    expect(held.calls).toHaveLength(1);
    const flushed = writer.flush();
    expect(held.calls).toHaveLength(2);
    held.calls[1]?.resolve();
    await flushed;
  });

  it("rejects the batch and reports a failure when the flush fails", async () => {
    const held = heldSync();
    const failures: unknown[] = [];
    const { writer } = setup({
      maxBatchDelayMs: 0,
      walSync: held.walSync,
      onCommitFailure: (error) => failures.push(error),
    });
    const writes = [writer.write(insert("a")), writer.write(insert("b"))];
    while (held.calls.length === 0) await sleep(1);
    const ioError = new Error("EIO: fdatasync failed");
    held.calls[0]?.reject(ioError);
    const results = await Promise.allSettled(writes);
    expect(results).toEqual([
      { status: "rejected", reason: ioError },
      { status: "rejected", reason: ioError },
    ]);
    expect(failures).toEqual([ioError]);
  });

  it("close() waits for the last flush, then closes the WAL descriptor", async () => {
    const held = heldSync();
    const { writer } = setup({ maxBatchDelayMs: 60_000, walSync: held.walSync });
    const write = writer.write(insert("a"));
    const closing = writer.close();
    expect(held.calls).toHaveLength(1);
    await sleep(20);
    expect(held.isClosed()).toBe(false);
    held.calls[0]?.resolve();
    await closing;
    expect(held.isClosed()).toBe(true);
    expect(await write).toBe(1);
  });

  it("commits and answers through the real fdatasync with the database at synchronous=NORMAL", async () => {
    const walSync = new WalSync(join(dir, "test.sqlite"));
    const { db, writer, committed } = setup({ maxBatchDelayMs: 1, walSync });
    db.pragma("synchronous = NORMAL");
    const names = Array.from({ length: 50 }, (_, i) => `n${i}`);
    await Promise.all(names.map((name) => writer.write(insert(name))));
    expect(committed()).toEqual(names);
    await writer.close();
  });
});
