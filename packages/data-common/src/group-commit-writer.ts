import type { Database } from "@venus/database";
import { LATENCY_BUCKETS, type Logger, type Metrics } from "@venus/simple-backend";
import type { Histogram } from "prom-client";

export interface WriterOptions {
  /** Database name for logs and metric labels. */
  name: string;
  maxBatchDelayMs: number;
  maxBatchSize: number;
  log: Logger;
  metrics: WriterMetrics;
  /**
   * Called when a whole batch fails to commit (I/O error, disk full). Memory is then ahead of the
   * database, so a server stops here (fail-stop) and reloads a consistent state on restart.
   */
  onCommitFailure?: (error: unknown) => void;
}

export type WriteOperation<T> = (db: Database) => T;

interface Pending {
  op: WriteOperation<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Batch-size and commit-latency histograms shared by every writer, labelled by database. */
export class WriterMetrics {
  readonly batchSize: Histogram<string>;
  readonly commitSeconds: Histogram<string>;

  constructor(metrics: Metrics) {
    this.batchSize = metrics.histogram(
      "venus_writer_batch_size",
      "Operations committed per transaction",
      [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024],
      ["database"],
    );
    this.commitSeconds = metrics.histogram(
      "venus_writer_commit_seconds",
      "Time to run and commit one batch",
      LATENCY_BUCKETS,
      ["database"],
    );
  }
}

export class WriterClosedError extends Error {
  constructor(name: string) {
    super(`the ${name} writer is closed`);
  }
}

/**
 * Group commit: operations queued within `maxBatchDelayMs` run in one transaction, and each promise
 * settles only after that transaction has committed (so an answer sent then survives a crash). An
 * operation that throws is rolled back alone (a savepoint) and rejects; the rest of the batch commits.
 */
export class GroupCommitWriter {
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  /** One operation in its own savepoint, built once: a new wrapper per operation costs more than the insert. */
  private readonly runInSavepoint: (op: WriteOperation<unknown>) => unknown;

  constructor(
    readonly db: Database,
    private readonly options: WriterOptions,
  ) {
    this.runInSavepoint = db.transaction((op: WriteOperation<unknown>) => op(db));
  }

  write<T>(op: WriteOperation<T>): Promise<T> {
    if (this.closed) return Promise.reject(new WriterClosedError(this.options.name));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        op,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
      if (this.queue.length >= this.options.maxBatchSize) this.schedule(0);
      else this.schedule(this.options.maxBatchDelayMs);
    });
  }

  /** Commits everything queued so far. */
  flush(): Promise<void> {
    this.commit();
    return Promise.resolve();
  }

  /** Commits what is queued and refuses further writes. */
  close(): Promise<void> {
    this.commit();
    this.closed = true;
    return Promise.resolve();
  }

  private schedule(delayMs: number): void {
    if (this.timer && delayMs > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.commit(), delayMs);
  }

  private commit(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.queue.length > 0) this.commitBatch(this.queue.splice(0, this.options.maxBatchSize));
  }

  private commitBatch(batch: Pending[]): void {
    const started = performance.now();
    const results: { value?: unknown; error?: unknown; failed: boolean }[] = [];
    try {
      this.db.transaction(() => {
        for (const item of batch) {
          try {
            results.push({
              value: this.runInSavepoint(item.op),
              failed: false,
            });
          } catch (error) {
            results.push({ error, failed: true });
          }
        }
      })();
    } catch (error) {
      this.options.log.error({ err: error, database: this.options.name }, "batch commit failed");
      for (const item of batch) item.reject(error);
      this.options.onCommitFailure?.(error);
      return;
    }
    const labels = { database: this.options.name };
    this.options.metrics.batchSize.observe(labels, batch.length);
    this.options.metrics.commitSeconds.observe(labels, (performance.now() - started) / 1000);
    batch.forEach((item, i) => {
      const result = results[i] as (typeof results)[number];
      if (result.failed) item.reject(result.error);
      else item.resolve(result.value);
    });
  }
}
