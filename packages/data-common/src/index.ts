export {
  GroupCommitWriter,
  WriterMetrics,
  WriterClosedError,
  type WriterOptions,
  type WriteOperation,
  type WriteOptions,
} from "./group-commit-writer.js";
export { WalSync } from "./wal-sync.js";
export { WalCheckpointer } from "./wal-checkpointer.js";
export { WriteBehind, WriteBehindFlusher } from "./write-behind.js";
export { ConnectionRegistry, type LiveConnection } from "./connection-registry.js";
export { Presence, type LastSeenTimes } from "./presence.js";
export { SyncVersions } from "./sync-versions.js";
export { openStore, type StoreOptions } from "./open-store.js";
export { CursorQueue } from "./cursor-queue.js";
export { DAY_MS, utcDay, secondsUntilTomorrow, leftToday, countUse, type DailyUse } from "./daily-use.js";
export { Interned, literalOf } from "./interned.js";
export { ModerationSignal, type ModerationQueueName } from "./moderation-signal.js";
export { SessionEndSignal } from "./session-end-signal.js";
export { PushCauses } from "./push-causes.js";
