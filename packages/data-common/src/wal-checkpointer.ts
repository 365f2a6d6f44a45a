import { statSync } from "node:fs";
import type { Database } from "@venus/database";
import { checkpointThread } from "./checkpoint-thread.js";

/** After a checkpoint that could not finish (a reader still needs the WAL), the next waits this long. */
const RETRY_MS = 1_000;

/**
 * Checkpoints a database on the checkpoint thread instead of the writer's: the writer's connection
 * stops its automatic checkpoint and its syncs (`synchronous=OFF`; commits are made durable by
 * `WalSync`), and the writer, between two batches, runs `run()` whenever `due()`: the WAL has grown
 * past `walBytes`. Meanwhile the writer commits nothing, so the checkpoint's `TRUNCATE` never waits
 * for the writer's lock and the writer never waits for the checkpoint's (docs/architecture.md,
 * "Checkpoints off the event loop").
 */
export class WalCheckpointer {
  private retryAt = 0;

  constructor(
    private readonly db: Database,
    /** The database's main file. */
    private readonly path: string,
    private readonly walBytes: number,
  ) {
    db.pragma("wal_autocheckpoint = 0");
    db.pragma("synchronous = OFF");
    this.ready().catch(() => undefined); // A thread that fails to start fails the first checkpoint.
  }

  /** Resolves once the checkpoint thread has started (started here ahead of the first checkpoint). */
  ready(): Promise<void> {
    return checkpointThread.prepare();
  }

  due(): boolean {
    if (performance.now() < this.retryAt) return false;
    return (statSync(`${this.path}-wal`, { throwIfNoEntry: false })?.size ?? 0) >= this.walBytes;
  }

  /** One `TRUNCATE` checkpoint; rejects only when the thread or the disk failed. */
  async run(): Promise<void> {
    this.retryAt = performance.now() + RETRY_MS;
    const result = await checkpointThread.call("checkpoint", this.path);
    const done = result?.busy === 0;
    if (done) this.retryAt = 0;
    // Not emptied: the writer's connection may start the WAL again itself once the reader is gone,
    // and must then sync the new header (docs/architecture.md).
    this.db.pragma(`synchronous = ${done ? "OFF" : "NORMAL"}`);
  }

  /**
   * Releases the thread's connection and gives the writer's back its syncs, so that closing it (then
   * the last connection, which checkpoints and deletes the WAL) syncs the database first.
   */
  async close(): Promise<void> {
    await checkpointThread.call("release", this.path);
    this.db.pragma("synchronous = NORMAL");
  }
}
