import type { Database } from "@venus/database";
import type { Logger } from "@venus/simple-backend";
import type { WalCheckpointer } from "./wal-checkpointer.js";
import type { WalSync } from "./wal-sync.js";
import type { WriterMetrics } from "./writer-metrics.js";

export { WriterMetrics } from "./writer-metrics.js";

export interface WriterOptions {
  /** Database name for logs and metric labels. */
  name: string;
  maxBatchDelayMs: number;
  maxBatchSize: number;
  log: Logger;
  metrics: WriterMetrics;
  /**
   * Makes commits durable off the event loop, for a database opened with `synchronous=NORMAL`
   * (commits do not sync). Without it the database must sync its own commits (`synchronous=FULL`),
   * on this thread.
   */
  walSync?: Pick<WalSync, "sync" | "close"> | undefined;
  /**
   * Checkpoints off the event loop, for a database whose own automatic checkpoint is off: run between
   * two batches when due, with no commit while it runs.
   */
  checkpointer?: Pick<WalCheckpointer, "due" | "run" | "close"> | undefined;
  /**
   * Called when a whole batch fails to commit or to sync (I/O error, disk full). Memory is then ahead
   * of the database, so a server stops here (fail-stop) and reloads a consistent state on restart.
   */
  onCommitFailure?: ((error: unknown) => void) | undefined;
}

export type WriteOperation<T> = (db: Database) => T;

export interface WriteOptions {
  /**
   * False: answered once its batch has committed, without waiting for the WAL flush after it (with
   * `walSync`). Such a write survives `kill -9` (the page cache does) but not a power cut; only for
   * what a crash may undo without harm (docs/architecture.md, "Commit-only writes"). It gathers with
   * the rest while a flush runs, and a batch of only such writes starts no flush of its own.
   */
  durable?: boolean;
}

interface Pending {
  op: WriteOperation<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  durable: boolean;
}

/** An operation's outcome inside a committed batch: its value, or the error its savepoint rolled back. */
type Outcome = { failed: false; value: unknown } | { failed: true; error: unknown };

export class WriterClosedError extends Error {
  constructor(name: string) {
    super(`the ${name} writer is closed`);
  }
}

/**
 * Group commit: operations queued within `maxBatchDelayMs` (0: this turn of the event loop) run in one
 * transaction, and each promise settles only after that transaction has committed and is on disk (so
 * an answer sent then survives a crash). An operation that throws is rolled back alone (a savepoint)
 * and rejects; the rest of the batch commits. With `walSync` the disk flush runs off the event loop,
 * and operations arriving while it runs are gathered until it finishes: the slower the disk, the
 * bigger the batches.
 */
export class GroupCommitWriter {
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private readonly commitNow = () => this.commit();
  /** Batches committed whose WAL flush has not finished. */
  private syncsInFlight = 0;
  private closed = false;
  /** The checkpoint running, while the writer commits nothing. */
  private checkpoint: Promise<void> | undefined;
  /** Settles once every batch committed so far is durable (or has failed). */
  private lastSync: Promise<void> = Promise.resolve();
  /** A batch of commit-only writes has committed since the last flush started. */
  private unflushed = false;
  /** One operation in its own savepoint, built once: a new wrapper per operation costs more than the insert. */
  private readonly runInSavepoint: (op: WriteOperation<unknown>) => unknown;

  constructor(
    readonly db: Database,
    private readonly options: WriterOptions,
  ) {
    this.runInSavepoint = db.transaction((op: WriteOperation<unknown>) => op(db));
  }

  write<T>(op: WriteOperation<T>, options?: WriteOptions): Promise<T> {
    if (this.closed) return Promise.reject(new WriterClosedError(this.options.name));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        op,
        resolve: resolve as (value: unknown) => void,
        reject,
        durable: options?.durable ?? true,
      });
      if (this.queue.length >= this.options.maxBatchSize) this.schedule(0);
      else if (this.syncsInFlight === 0 && !this.checkpoint) this.schedule(this.options.maxBatchDelayMs);
      // Otherwise the flush's or the checkpoint's end commits what gathered meanwhile.
    });
  }

  /** Commits everything queued so far; resolves once it is durable. */
  flush(): Promise<void> {
    if (this.checkpoint) return this.checkpoint.then(() => this.flush());
    this.commit();
    if (this.unflushed) this.startSync([], [], performance.now());
    return this.lastSync;
  }

  /** Commits what is queued, refuses further writes, and resolves once all of it is durable. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
    await this.options.checkpointer?.close();
    this.options.walSync?.close();
  }

  private schedule(delayMs: number): void {
    if (this.immediate) return;
    if (delayMs > 0) {
      this.timer ??= setTimeout(this.commitNow, delayMs);
      return;
    }
    clearTimeout(this.timer);
    this.timer = undefined;
    this.immediate = setImmediate(this.commitNow);
  }

  private commit(): void {
    clearTimeout(this.timer);
    clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
    if (this.checkpoint) return; // Its end commits what gathered meanwhile.
    while (this.queue.length > 0) this.commitBatch(this.queue.splice(0, this.options.maxBatchSize));
    if (this.options.checkpointer?.due()) this.startCheckpoint(this.options.checkpointer);
  }

  private startCheckpoint(checkpointer: Pick<WalCheckpointer, "run">): void {
    this.checkpoint = checkpointer
      .run()
      .catch((error: unknown) => {
        // The WAL still holds every commit: nothing is lost, the next checkpoint tries again.
        this.options.log.error({ err: error, database: this.options.name }, "checkpoint failed");
      })
      .finally(() => {
        this.checkpoint = undefined;
        if (this.queue.length > 0) this.schedule(0);
      });
  }

  private commitBatch(batch: Pending[]): void {
    const started = performance.now();
    const outcomes: Outcome[] = [];
    try {
      this.db.transaction(() => {
        for (const item of batch) {
          try {
            outcomes.push({ failed: false, value: this.runInSavepoint(item.op) });
          } catch (error) {
            outcomes.push({ failed: true, error });
          }
        }
      })();
    } catch (error) {
      this.fail(batch, error);
      return;
    }
    if (!this.options.walSync) {
      this.observe(batch.length, started);
      this.settle(batch, outcomes, false);
      return;
    }
    // Commit-only writes are answered now; durable ones once a flush started after this commit ends.
    this.settle(batch, outcomes, false);
    if (batch.some((item) => item.durable)) this.startSync(batch, outcomes, started);
    else {
      this.observe(batch.length, started);
      this.unflushed = true;
    }
  }

  /** Flushes the WAL (everything committed so far), then settles the durable writes of `batch`. */
  private startSync(batch: Pending[], outcomes: Outcome[], started: number): void {
    const { walSync } = this.options;
    if (!walSync) return;
    this.unflushed = false;
    this.syncsInFlight++;
    const durable = batch.filter((item) => item.durable);
    this.lastSync = walSync.sync().then(
      () => {
        if (batch.length > 0) this.observe(batch.length, started);
        this.settle(batch, outcomes, true);
        this.synced();
      },
      (error: unknown) => {
        this.fail(durable, error);
        this.synced();
      },
    );
  }

  private synced(): void {
    if (--this.syncsInFlight === 0 && this.queue.length > 0 && !this.checkpoint) this.schedule(0);
  }

  private observe(size: number, started: number): void {
    const labels = { database: this.options.name };
    this.options.metrics.batchSize.observe(labels, size);
    this.options.metrics.commitSeconds.observe(labels, (performance.now() - started) / 1000);
  }

  /** Settles the batch's writes that are `durable` (or, without a WAL flush, all of them). */
  private settle(batch: Pending[], outcomes: Outcome[], durable: boolean): void {
    const all = !this.options.walSync;
    batch.forEach((item, i) => {
      if (!all && item.durable !== durable) return;
      const outcome = outcomes[i] as Outcome;
      if (outcome.failed) item.reject(outcome.error);
      else item.resolve(outcome.value);
    });
  }

  private fail(batch: Pending[], error: unknown): void {
    this.options.log.error({ err: error, database: this.options.name }, "batch commit failed");
    for (const item of batch) item.reject(error);
    this.options.onCommitFailure?.(error);
  }
}
