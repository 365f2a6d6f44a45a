import { join } from "node:path";
import { openDatabase, type Database, type Migration } from "@venus/database";
import type { VenusConfig } from "@venus/model";
import type { Logger } from "@venus/simple-backend";
import { GroupCommitWriter, type WriterMetrics } from "./group-commit-writer.js";
import { WalCheckpointer } from "./wal-checkpointer.js";
import { WalSync } from "./wal-sync.js";

export interface StoreOptions {
  config: VenusConfig;
  /** Component name: the file is `<data_dir>/<name>.sqlite`, and the writer's metric label. */
  name: string;
  migrations: readonly Migration[];
  log: Logger;
  writerMetrics: WriterMetrics;
  onCommitFailure?: ((error: unknown) => void) | undefined;
}

/**
 * A component's database (migrated) and the group-commit writer every write of it goes through.
 * Commits do not sync: the writer flushes the WAL on the thread pool before it answers, and a worker
 * thread checkpoints (docs/architecture.md, "Durable writes off the event loop").
 */
export function openStore(options: StoreOptions): { db: Database; writer: GroupCommitWriter } {
  const { config } = options;
  const path = join(config.data_dir, `${options.name}.sqlite`);
  const db = openDatabase(path, options.migrations);
  const writer = new GroupCommitWriter(db, {
    name: options.name,
    maxBatchDelayMs: config.writer.max_batch_delay_ms,
    maxBatchSize: config.writer.max_batch_size,
    log: options.log,
    metrics: options.writerMetrics,
    walSync: new WalSync(path),
    checkpointer: new WalCheckpointer(db, path, config.writer.checkpoint_wal_mib * 1024 * 1024),
    onCommitFailure: options.onCommitFailure,
  });
  return { db, writer };
}
