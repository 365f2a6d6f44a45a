import { PUSH_MIGRATIONS, PushStatements, type Database } from "@venus/database";
import { openStore, type GroupCommitWriter, type WriterMetrics } from "@venus/data-common";
import type { NotificationSettings, PushProvider, VenusConfig } from "@venus/model";
import type { Logger, Metrics } from "@venus/simple-backend";
import { CauseDispatcher } from "./cause-dispatcher.js";
import type { AccountNotifications, PushContext, PushSources } from "./context.js";
import { removePushTarget } from "./operations/push-target.js";
import { PushMetrics } from "./push-metrics.js";
import { PushTargets } from "./push-targets.js";
import { ProviderSender } from "./provider-sender.js";
import { providerClients } from "./providers/provider-clients.js";
import { vapidKeys } from "./vapid-keys.js";

export interface PushComponentOptions {
  config: VenusConfig;
  log: Logger;
  metrics: Metrics;
  writerMetrics: WriterMetrics;
  sources: PushSources;
  onCommitFailure?: (error: unknown) => void;
  now?: () => number;
}

export interface PushComponent {
  ctx: PushContext;
  db: Database;
  writer: GroupCommitWriter;
  /** Starts dispatching causes and sending (after the server listens). */
  start(): void;
  /** Lets sends in flight finish; what waits stays in the databases. */
  stop(): Promise<void>;
}

function loadSettings(statements: PushStatements): Map<string, AccountNotifications> {
  const settings = new Map<string, AccountNotifications>();
  for (const row of statements.allSettings())
    settings.set(row.account_id, {
      settings: JSON.parse(row.settings) as NotificationSettings,
      remindedAt: row.reminded_at,
      unsubscribeToken: row.unsubscribe_token,
    });
  return settings;
}

/** Targets whose session ended while the server was down, or before their last push, go at start-up. */
async function forgetEndedSessions(ctx: PushContext): Promise<void> {
  const ended = [...ctx.targets.all()].filter(({ sessionId }) => !ctx.sources.session(sessionId));
  for (const { sessionId } of ended) await removePushTarget(ctx, sessionId);
}

/** Opens `push.sqlite`, loads targets and settings, and attaches to the components' push causes. */
export async function openPushComponent(options: PushComponentOptions): Promise<PushComponent> {
  const { config, log } = options;
  const vapid = config.push.webpush.enabled ? await vapidKeys(config) : undefined;
  const clients = await providerClients(config, vapid);
  const { db, writer } = openStore({ ...options, name: "push", migrations: PUSH_MIGRATIONS });
  const statements = new PushStatements(db);
  const senders = new Map<PushProvider, ProviderSender>();
  const settings = loadSettings(statements);
  const ctx: PushContext = {
    config,
    statements,
    writer,
    targets: PushTargets.load(statements.allTargets()),
    settings,
    unsubscribeTokens: new Map(
      [...settings].flatMap(([accountId, { unsubscribeToken }]) =>
        unsubscribeToken === null ? [] : [[unsubscribeToken, accountId] as const],
      ),
    ),
    sources: options.sources,
    enabled: new Set(clients.map((client) => client.name)),
    vapid,
    metrics: new PushMetrics(options.metrics),
    log,
    now: options.now ?? Date.now,
    queued: new Map(),
    // Called only once open: the dispatcher exists by then.
    wakeDispatcher: () => dispatcher.wake(),
    wakeSender: (provider) => senders.get(provider)?.wake(),
  };
  for (const client of clients) senders.set(client.name, new ProviderSender(ctx, client));
  await forgetEndedSessions(ctx);
  const dispatcher = new CauseDispatcher(ctx);
  const wants = (accountId: string) =>
    ctx.targets.forAccount(accountId).some(({ sessionId }) => !ctx.sources.isLive(sessionId));
  for (const causes of options.sources.causes) causes.attach(wants, () => dispatcher.wake());
  return {
    ctx,
    db,
    writer,
    start: () => {
      dispatcher.start();
      for (const sender of senders.values()) sender.start();
    },
    stop: async () => {
      await dispatcher.stop();
      await Promise.all([...senders.values()].map((sender) => sender.stop()));
    },
  };
}
