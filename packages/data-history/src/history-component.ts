import { HISTORY_MIGRATIONS, HistoryStatements, type Database } from "@venus/database";
import {
  openStore,
  type GroupCommitWriter,
  type WriteBehindFlusher,
  type WriterMetrics,
} from "@venus/data-common";
import type { VenusConfig } from "@venus/model";
import type { Logger } from "@venus/simple-backend";
import { AccountUsage } from "./account-usage.js";
import { AddressSightings } from "./address-sightings.js";
import type { HistoryContext, HistorySources } from "./context.js";
import { HourWindow } from "./hour-window.js";
import { flushAccountHistory } from "./operations/store-history.js";

export interface HistoryComponentOptions {
  config: VenusConfig;
  log: Logger;
  writerMetrics: WriterMetrics;
  /** Per-account usage and addresses are written behind with the other ephemeral state. */
  flusher: WriteBehindFlusher;
  sources: HistorySources;
  onCommitFailure?: (error: unknown) => void;
  now?: () => number;
}

/** Opens `history.sqlite`. Nothing is loaded: the history is read on demand, by admins only. */
export function openHistoryComponent(options: HistoryComponentOptions): {
  ctx: HistoryContext;
  db: Database;
  writer: GroupCommitWriter;
} {
  const { db, writer } = openStore({ ...options, name: "history", migrations: HISTORY_MIGRATIONS });
  const now = options.now ?? Date.now;
  const ctx: HistoryContext = {
    config: options.config,
    statements: new HistoryStatements(db),
    writer,
    sources: options.sources,
    window: new HourWindow(now()),
    usage: new AccountUsage(),
    addresses: new AddressSightings(),
    now,
  };
  options.flusher.add({ flush: () => flushAccountHistory(ctx) });
  return { ctx, db, writer };
}
