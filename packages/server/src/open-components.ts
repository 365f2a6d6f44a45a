import {
  allowedAddresses,
  deletionReminderProblem,
  notifyModerators,
  openAccountComponent,
  type AccountContext,
} from "@venus/data-account";
import { openChatComponent, videoCallsConfigProblem, type ChatContext } from "@venus/data-chat";
import { openHistoryComponent, type HistoryContext } from "@venus/data-history";
import { openMediaComponent, type MediaContext, type WorkerCommand } from "@venus/data-media";
import {
  ConnectionRegistry,
  ModerationSignal,
  SyncVersions,
  WriteBehindFlusher,
  WriterMetrics,
} from "@venus/data-common";
import { openProfileComponent, type ProfileContext } from "@venus/data-profile";
import {
  openPushComponent,
  removeSessionTargets,
  type PushComponent,
  type PushContext,
} from "@venus/data-push";
import type { VenusConfig } from "@venus/model";
import { ConfigError, type Logger, type Metrics } from "@venus/simple-backend";
import { loadBotsFile } from "./bot-mode/load-bots-file.js";
import { CONFIG_ERROR_EXIT_CODE } from "./load-server-config.js";

export interface OpenComponents {
  account: AccountContext;
  profile: ProfileContext;
  media: MediaContext;
  chat: ChatContext;
  history: HistoryContext;
  /** Push targets, settings and the push outbox (push.sqlite). */
  push: PushContext;
  /** Dispatches push causes and sends; started once the server listens. */
  pushSender: Pick<PushComponent, "start" | "stop">;
  flusher: WriteBehindFlusher;
  /** Stops the image worker and waits for uploads it finished to commit. */
  stopMedia(): Promise<void>;
  /** Commits what each writer holds and closes every database. */
  close(): Promise<void>;
}

/** Options that only fail when used (a regex, the index grid) are config errors too: exit 2. */
function configProblem(key: string, error: unknown): never {
  process.stderr.write(`venus: invalid configuration:\n  - ${key}: ${(error as Error).message}\n`);
  process.exit(CONFIG_ERROR_EXIT_CODE);
}

/** A file the config names (profile attributes, mail templates) is invalid: exit 2. */
function configFileProblem(error: ConfigError): never {
  process.stderr.write(`venus: ${error.message}\n`);
  process.exit(CONFIG_ERROR_EXIT_CODE);
}

/** Opens every component database and loads its state into memory. */
export async function openComponents(
  config: VenusConfig,
  log: Logger,
  metrics: Metrics,
  workerCommand: WorkerCommand,
  /** The server's clock (tests may set it: server-clock.ts). */
  now: () => number = Date.now,
): Promise<OpenComponents> {
  const writerMetrics = new WriterMetrics(metrics);
  const flusher = new WriteBehindFlusher((error) => log.error({ err: error }, "write-behind flush failed"));
  const connections = new ConnectionRegistry();
  const sync = new SyncVersions();
  const moderationQueued = new ModerationSignal();
  const onCommitFailure = (error: unknown) => {
    log.fatal(
      { err: error },
      "a write batch could not commit; stopping so a restart reloads consistent state",
    );
    setImmediate(() => process.exit(1));
  };
  try {
    if (config.profile.name_regex) new RegExp(config.profile.name_regex, "u");
  } catch (error) {
    configProblem("profile.name_regex", error);
  }
  try {
    allowedAddresses(config.bots.remote_login_allowed);
  } catch (error) {
    configProblem("bots.remote_login_allowed", error);
  }
  const deletionReminder = deletionReminderProblem(config);
  if (deletionReminder) configProblem("push.deletion_reminder_seconds", new Error(deletionReminder));
  const videoCalls = videoCallsConfigProblem(config.video_calls);
  if (videoCalls) configProblem("video_calls", new Error(videoCalls));
  let account;
  try {
    account = await openAccountComponent({
      config,
      log,
      writerMetrics,
      flusher,
      connections,
      sync,
      moderationRules: loadBotsFile(config.bots.file).moderation,
      onCommitFailure,
      now,
    });
  } catch (error) {
    if (error instanceof ConfigError) configFileProblem(error);
    throw error;
  }
  let profile;
  try {
    profile = openProfileComponent({
      config,
      flags: account.ctx.flags,
      log,
      writerMetrics,
      connections,
      presence: account.ctx.presence,
      sync,
      accountActive: (id) => account.ctx.cache.accounts.get(id)?.state === "normal",
      isBot: (id) => account.ctx.cache.accounts.get(id)?.bot === true,
      // Read at request time, after the media component below is open.
      isVerified: (id) => media.ctx.cache.accounts.get(id)?.verification.state === "verified",
      sharedId: (id) => account.ctx.cache.accounts.get(id)?.id ?? id,
      moderationQueued,
      onCommitFailure,
      now,
      flusher,
    });
  } catch (error) {
    if (error instanceof RangeError) configProblem("profile.location", error);
    if (error instanceof ConfigError) configFileProblem(error);
    throw error;
  }
  const media = await openMediaComponent({
    config,
    flags: account.ctx.flags,
    log,
    metrics,
    writerMetrics,
    connections,
    sync,
    workerCommand,
    moderationQueued,
    onCommitFailure,
    now,
  });
  moderationQueued.on((queue) => notifyModerators(account.ctx, queue));
  const chat = openChatComponent({
    config,
    flags: account.ctx.flags,
    log,
    metrics,
    writerMetrics,
    connections,
    sync,
    onCommitFailure,
    now,
  });
  const history = openHistoryComponent({
    config,
    log,
    writerMetrics,
    flusher,
    sources: {
      connections: () => connections.all(),
      accountIds: () => account.ctx.cache.accounts.keys(),
      isBot: (id) => account.ctx.cache.accounts.get(id)?.bot === true,
    },
    onCommitFailure,
    now,
  });
  let push;
  try {
    push = await openPushComponent({
      config,
      log,
      metrics,
      writerMetrics,
      sources: {
        session: (id) => account.ctx.cache.sessions.get(id),
        isLive: (id) => connections.forSession(id) !== undefined,
        profileName: (id) => {
          const name = profile.ctx.cache.profiles.get(id)?.name;
          return name?.state === "accepted" ? name.value : undefined;
        },
        causes: [chat.ctx.push, account.ctx.push, profile.ctx.push, media.ctx.push],
      },
      onCommitFailure,
      now,
    });
  } catch (error) {
    if (error instanceof ConfigError) configFileProblem(error);
    throw error;
  }
  const pushCtx = push.ctx;
  account.ctx.sessionsEnded.on((sessionIds) => removeSessionTargets(pushCtx, sessionIds));
  return {
    account: account.ctx,
    profile: profile.ctx,
    media: media.ctx,
    chat: chat.ctx,
    history: history.ctx,
    push: push.ctx,
    pushSender: push,
    flusher,
    stopMedia: media.stop,
    close: async () => {
      for (const component of [account, profile, media, chat, history, push]) {
        await component.writer.close();
        component.db.close();
      }
    },
  };
}
