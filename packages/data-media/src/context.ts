import type { MediaStatements } from "@venus/database";
import type { ConnectionRegistry, GroupCommitWriter, ModerationSignal, PushCauses } from "@venus/data-common";
import type { RuntimeFlagReader, VenusConfig } from "@venus/model";
import type { Logger } from "@venus/simple-backend";
import type { ImageWorker } from "./image-worker-client.js";
import type { MediaCache } from "./media-cache.js";
import type { MediaFiles } from "./media-files.js";
import type { UploadMetrics } from "./upload-metrics.js";

/** Everything a media operation works with. */
export interface MediaContext {
  config: VenusConfig;
  cache: MediaCache;
  /** The daily upload limit (`uploads_per_day`) is a runtime flag: read here, never in config. */
  flags: RuntimeFlagReader;
  statements: MediaStatements;
  writer: GroupCommitWriter;
  connections: ConnectionRegistry;
  files: MediaFiles;
  worker: ImageWorker;
  log: Logger;
  metrics: UploadMetrics;
  /** Uploads between the worker's answer and their commit; shutdown waits for them. */
  finishing: Set<Promise<void>>;
  /** Raised when content joins the moderation queue. */
  moderationQueued: ModerationSignal;
  /** Pushes this component's writes cause, recorded in their commit (docs/push.md). */
  push: PushCauses;
  now: () => number;
}
