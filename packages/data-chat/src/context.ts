import type { ChatStatements, ReportStatements } from "@venus/database";
import type { ConnectionRegistry, GroupCommitWriter, PushCauses } from "@venus/data-common";
import type { RuntimeFlagReader, VenusConfig } from "@venus/model";
import type { AckWrites } from "./ack-writes.js";
import type { ChatCache } from "./chat-cache.js";
import type { ChatMetrics } from "./chat-metrics.js";
import type { ReportIndex } from "./reports/report-index.js";

/** Everything a chat operation works with. */
export interface ChatContext {
  config: VenusConfig;
  cache: ChatCache;
  /** The daily limits (`daily_likes`, `messages_per_day`) are runtime flags: read here, never in config. */
  flags: RuntimeFlagReader;
  statements: ChatStatements;
  writer: GroupCommitWriter;
  /** Acknowledged messages, written many acknowledgements at a time. */
  acks: AckWrites;
  /** Waiting reports and reporters' counts, in memory (the reports themselves stay in chat.sqlite). */
  reports: ReportIndex;
  reportStatements: ReportStatements;
  connections: ConnectionRegistry;
  /** The secret message envelopes are signed with (chat.sqlite, made on first start). */
  signingSecret: Buffer;
  metrics: ChatMetrics;
  /** Messages, likes and matches for devices without a live WebSocket (chat.sqlite's push_outbox). */
  push: PushCauses;
  now: () => number;
}
