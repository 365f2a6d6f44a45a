import type { ChatStatements } from "@venus/database";
import type { ConnectionRegistry, GroupCommitWriter } from "@venus/data-common";
import type { VenusConfig } from "@venus/model";
import type { ChatCache } from "./chat-cache.js";
import type { ChatMetrics } from "./chat-metrics.js";

/** Everything a chat operation works with. */
export interface ChatContext {
  config: VenusConfig;
  cache: ChatCache;
  statements: ChatStatements;
  writer: GroupCommitWriter;
  connections: ConnectionRegistry;
  /** The secret message envelopes are signed with (chat.sqlite, made on first start). */
  signingSecret: Buffer;
  metrics: ChatMetrics;
  now: () => number;
}
