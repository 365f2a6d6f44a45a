import { MEDIA_MIGRATIONS, MediaStatements, type Database } from "@venus/database";
import {
  openStore,
  PushCauses,
  type ConnectionRegistry,
  type ModerationSignal,
  type GroupCommitWriter,
  type SyncVersions,
  type WriterMetrics,
} from "@venus/data-common";
import type { RuntimeFlagReader, VenusConfig } from "@venus/model";
import type { Logger, Metrics } from "@venus/simple-backend";
import type { MediaContext } from "./context.js";
import { createImageWorker, type WorkerCommand } from "./image-worker-client.js";
import { MediaCache } from "./media-cache.js";
import { MediaFiles } from "./media-files.js";
import { sweepOrphanFiles } from "./operations/purge-deleted.js";
import { UploadMetrics } from "./upload-metrics.js";

export interface MediaComponentOptions {
  config: VenusConfig;
  /** The runtime flags (the account component's store). */
  flags: RuntimeFlagReader;
  log: Logger;
  metrics: Metrics;
  writerMetrics: WriterMetrics;
  connections: ConnectionRegistry;
  sync: SyncVersions;
  moderationQueued: ModerationSignal;
  /** How to start `venus image-worker`. */
  workerCommand: WorkerCommand;
  onCommitFailure?: (error: unknown) => void;
  now?: () => number;
}

/**
 * Opens `media.sqlite`, loads every account's content into memory, wipes files a crash left without a
 * row, and starts the image worker.
 */
export async function openMediaComponent(options: MediaComponentOptions): Promise<{
  ctx: MediaContext;
  db: Database;
  writer: GroupCommitWriter;
  /** Stops the worker (unfinished uploads fail) and waits for finished ones to commit. */
  stop(): Promise<void>;
}> {
  const { config, log } = options;
  const { db, writer } = openStore({ ...options, name: "media", migrations: MEDIA_MIGRATIONS });
  const statements = new MediaStatements(db);
  const now = options.now ?? Date.now;
  const ctx: MediaContext = {
    config,
    cache: MediaCache.load(statements, now()),
    flags: options.flags,
    statements,
    writer,
    connections: options.connections,
    files: new MediaFiles(config.data_dir),
    worker: createImageWorker(config, log, options.workerCommand),
    log,
    metrics: new UploadMetrics(options.metrics),
    finishing: new Set(),
    moderationQueued: options.moderationQueued,
    push: new PushCauses(writer, now),
    now,
  };
  const swept = await sweepOrphanFiles(ctx);
  if (swept > 0) log.info({ files: swept }, "wiped media files left by an unfinished upload");
  options.sync.register("media_content", (id) => ctx.cache.accounts.get(id)?.version ?? 0);
  ctx.worker.start();
  return {
    ctx,
    db,
    writer,
    stop: async () => {
      await ctx.worker.stop();
      while (ctx.finishing.size > 0) await Promise.allSettled([...ctx.finishing]);
    },
  };
}
