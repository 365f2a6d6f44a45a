import { randomBytes } from "node:crypto";
import { CHAT_MIGRATIONS, ChatStatements, ReportStatements, type Database } from "@venus/database";
import {
  openStore,
  PushCauses,
  type ConnectionRegistry,
  type GroupCommitWriter,
  type SyncVersions,
  type WriterMetrics,
} from "@venus/data-common";
import type { RuntimeFlagReader, VenusConfig } from "@venus/model";
import type { Logger, Metrics } from "@venus/simple-backend";
import { ChatMetrics } from "./chat-metrics.js";
import { AckWrites } from "./ack-writes.js";
import { ChatCache } from "./chat-cache.js";
import type { ChatContext } from "./context.js";
import { ReportIndex } from "./reports/report-index.js";

export interface ChatComponentOptions {
  config: VenusConfig;
  /** The runtime flags (the account component's store). */
  flags: RuntimeFlagReader;
  log: Logger;
  metrics: Metrics;
  writerMetrics: WriterMetrics;
  connections: ConnectionRegistry;
  sync: SyncVersions;
  onCommitFailure?: (error: unknown) => void;
  now?: () => number;
}

/**
 * Opens `chat.sqlite` and loads likes, matches, blocks, keys, every stored message and the waiting
 * reports into memory.
 */
export function openChatComponent(options: ChatComponentOptions): {
  ctx: ChatContext;
  db: Database;
  writer: GroupCommitWriter;
} {
  const { db, writer } = openStore({ ...options, name: "chat", migrations: CHAT_MIGRATIONS });
  const statements = new ChatStatements(db);
  const now = options.now ?? Date.now;
  const cache = ChatCache.load(statements);
  const reportStatements = new ReportStatements(db);
  const ctx: ChatContext = {
    config: options.config,
    cache,
    flags: options.flags,
    statements,
    writer,
    acks: new AckWrites(writer, statements),
    reports: ReportIndex.load(reportStatements, now()),
    reportStatements,
    connections: options.connections,
    metrics: new ChatMetrics(options.metrics),
    signingSecret: statements.signingSecret(() => randomBytes(32), now()),
    push: new PushCauses(writer, now),
    now,
  };
  options.sync.register("matches", (id) => cache.accounts.get(id)?.matchesVersion ?? 0);
  options.sync.register("received_likes", (id) => cache.accounts.get(id)?.likesVersion ?? 0);
  return { ctx, db, writer };
}
