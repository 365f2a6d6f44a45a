import { join } from "node:path";
import { openDatabase, type Database, type Migration } from "@venus/database";
import type { VenusConfig } from "@venus/model";
import type { Logger } from "@venus/simple-backend";
import { GroupCommitWriter, type WriterMetrics } from "./group-commit-writer.js";

export interface StoreOptions {
  config: VenusConfig;
  /** Component name: the file is `<data_dir>/<name>.sqlite`, and the writer's metric label. */
  name: string;
  migrations: readonly Migration[];
  log: Logger;
  writerMetrics: WriterMetrics;
  onCommitFailure?: ((error: unknown) => void) | undefined;
}

/** A component's database (migrated) and the group-commit writer every write of it goes through. */
export function openStore(options: StoreOptions): { db: Database; writer: GroupCommitWriter } {
  const { config } = options;
  const db = openDatabase(join(config.data_dir, `${options.name}.sqlite`), options.migrations);
  const writer = new GroupCommitWriter(db, {
    name: options.name,
    maxBatchDelayMs: config.writer.max_batch_delay_ms,
    maxBatchSize: config.writer.max_batch_size,
    log: options.log,
    metrics: options.writerMetrics,
    onCommitFailure: options.onCommitFailure,
  });
  return { db, writer };
}
