import { fileURLToPath } from "node:url";
import { MaintenanceNotices, mountAdminCliApi, mountApi, mountLocalBotApi, errorToReply } from "@venus/api";
import { runDailyTask } from "@venus/data-all";
import { MODERATION_RULE_FLAG_NAMES } from "@venus/model";
import { ReminderSchedule } from "./reminder-schedule.js";
import { AutomaticSearchSchedule } from "./automatic-search-schedule.js";
import { serverClock } from "./server-clock.js";
import { HourlyRecorder, storeHours } from "@venus/data-history";
import {
  createLogger,
  DailySchedule,
  SettableClock,
  parseTimeOfDay,
  DataDirLockedError,
  createTransport,
  HttpServer,
  lockDataDir,
  makeDataDirPrivate,
  Metrics,
  NO_TRUSTED_PROXIES,
  Shutdown,
  SystemdNotifier,
  TransportUnavailableError,
  trustedProxies,
  type TrustedProxies,
} from "@venus/simple-backend";
import { newAdminToken, removeAdminTokenFile, writeAdminTokenFile } from "./admin-cli/admin-token-file.js";
import { prepareAccountData } from "./account-data-startup.js";
import { BotListenerGate } from "./bot-listener-gate.js";
import { refuseMissingDetectors } from "./bot-mode/load-bots-file.js";
import { ListenFailure, listenOrFail } from "./listen-failure.js";
import { loadServerConfig } from "./load-server-config.js";
import { LocalBotsChild } from "./local-bots-child.js";
import { managerLink } from "./manager-link.js";
import { openComponents } from "./open-components.js";
import { VENUS_VERSION } from "./version.js";
import { mountWebSites } from "./web-sites.js";

/** This program: the image worker and the local bots are its other modes (DESIGN.md §5). */
const MAIN = fileURLToPath(new URL("./main.js", import.meta.url));

/** The flags whose change restarts (or starts, or stops) the bot process. */
const BOT_FLAGS: readonly string[] = [
  "local_user_bots",
  "moderation_bot_enabled",
  "local_bot_login_enabled",
  ...MODERATION_RULE_FLAG_NAMES,
];

function refuse(message: string, code = 1): never {
  process.stderr.write(`venus: ${message}\n`);
  process.exit(code);
}

/** `venus server`: loads everything into memory, listens, and shuts down gracefully on a signal. */
export async function runServer(configFile: string | undefined): Promise<void> {
  const config = loadServerConfig(configFile);
  const log = createLogger(config.log.level, "venus-server", 1, config.log.format);
  let clock;
  try {
    clock = serverClock(config, process.env);
  } catch (error) {
    refuse(`invalid configuration:\n  - ${(error as Error).message}`, 2);
  }
  if (clock instanceof SettableClock)
    log.warn({ now: new Date(clock.now()).toISOString() }, "testing clock in use: for tests only");
  // Requests and frames have their own boundaries (http-server.ts, frame-boundary.ts): a bug there costs
  // one answer. What still reaches here escaped them (a timer, the writer's commit) and may have left
  // memory and disk apart, so the process exits and restarts from what is committed.
  process.on("uncaughtException", (error) => {
    log.fatal({ err: error }, "uncaught exception; exiting (everything acknowledged is committed)");
    process.exit(1);
  });
  let transport;
  try {
    transport = createTransport(config.http.transport);
  } catch (error) {
    if (error instanceof TransportUnavailableError) refuse(error.message);
    throw error;
  }
  const modeFixes = makeDataDirPrivate(config.data_dir);
  if (modeFixes.length > 0)
    log.warn(
      { fixed: modeFixes },
      "data directory entries were open to other users; made private to this user",
    );
  let releaseLock: () => void;
  try {
    releaseLock = lockDataDir(config.data_dir);
  } catch (error) {
    if (error instanceof DataDirLockedError) refuse(error.message);
    throw error;
  }
  log.info(
    { dataDir: config.data_dir, version: VENUS_VERSION },
    "Venus server starting: single node by design, this process owns the data directory",
  );
  log.info({ transport: transport.name, reason: transport.reason }, `HTTP transport: ${transport.name}`);
  const notifier = new SystemdNotifier(process.env, (error) =>
    log.warn({ err: error }, "systemd-notify failed"),
  );
  const metrics = new Metrics();
  // The worker is this same program in another mode (DESIGN.md §5).
  const components = await openComponents(
    config,
    log,
    metrics,
    { command: process.execPath, args: [...process.execArgv, MAIN, "image-worker"] },
    clock.now,
  );
  const { account, flusher } = components;
  const missingDetectors = account.flags.rulesMissingDetectors();
  if (missingDetectors.length > 0) {
    releaseLock();
    refuseMissingDetectors(missingDetectors);
  }
  await prepareAccountData(components, log);
  const listener = (host: string, port: number, trusted: TrustedProxies) =>
    new HttpServer(transport, {
      host,
      port,
      maxBodyBytes: config.http.max_body_bytes,
      discard: { maxBytes: config.http.discard_body_max_bytes, seconds: config.http.discard_body_seconds },
      trustedProxies: trusted,
      log,
      metrics,
      onError: (error, ctx) => errorToReply(error, ctx, metrics),
    });
  const publicProxies = trustedProxies(config.http.trusted_proxies, config.http.proxy_header);
  const http = listener(config.http.host, config.http.port, publicProxies);
  // Loopback only, and never behind a proxy: the peer address is the truth. Opens only when wanted.
  const botHttp = listener("127.0.0.1", config.bots.local_port, NO_TRUSTED_PROXIES);
  let botPort = 0;
  const botListener = new BotListenerGate(botHttp, config.bots.local_port, account.flags, (bound) => {
    botPort = bound;
    log.info({ host: "127.0.0.1", port: bound }, "bot listener");
  });
  // `venus admin` while the server runs: loopback only, and a token only the data directory's owner reads.
  const adminHttp = listener("127.0.0.1", config.admin.local_port, NO_TRUSTED_PROXIES);
  const adminToken = newAdminToken();
  const maintenance = new MaintenanceNotices(account.connections);
  const localManager = managerLink(config.local_manager, maintenance, log);
  const deps = {
    account,
    profile: components.profile,
    media: components.media,
    chat: components.chat,
    history: components.history,
    push: components.push,
    metrics,
    log,
    version: VENUS_VERSION,
    transport: http.transport,
    startedAt: Date.now(),
    maintenance,
    localManager,
  };
  mountWebSites(http, log);
  const api = mountApi(http, deps);
  mountLocalBotApi(botHttp, deps);
  mountAdminCliApi(adminHttp, deps, adminToken, clock instanceof SettableClock ? clock : undefined);

  const daily = new DailySchedule(
    parseTimeOfDay(config.daily_task.time_utc),
    async () => log.info(await runDailyTask(components), "daily task done"),
    log,
    clock,
  );
  const automaticSearches = new AutomaticSearchSchedule(components, clock, log);
  const statistics = new HourlyRecorder(components.history, log);
  const reminders = new ReminderSchedule(components, log);
  const shutdown = new Shutdown(log, config.shutdown.deadline_seconds * 1000);
  shutdown.add("tell systemd", () => notifier.stopping("shutting down"));
  let bots: LocalBotsChild | undefined;
  shutdown.add("stop the bots", () => bots?.stop());
  shutdown.add("stop accepting", () => {
    removeAdminTokenFile(config.data_dir);
    http.stopAccepting();
    botHttp.stopAccepting();
    adminHttp.stopAccepting();
  });
  shutdown.add("close WebSockets", () => {
    account.connections.disconnectAll("shutting_down");
    api.closeAllSockets();
  });
  // Before draining: an admin call waiting on the manager (a restart of this very server) ends now.
  shutdown.add("stop the manager link", () => localManager?.stop());
  shutdown.add("drain requests", async () => {
    await Promise.all([http.drain(), botHttp.drain(), adminHttp.drain()]);
  });
  shutdown.add("stop the daily task", () => daily.stop());
  shutdown.add("stop the automatic searches", () => automaticSearches.stop());
  // After draining, so the hour holds every request answered; restarts within the hour add up.
  shutdown.add("store the statistics hour", async () => {
    await statistics.stop();
    await storeHours(components.history, { current: true });
  });
  shutdown.add("stop the image worker", () => components.stopMedia());
  // A send in flight finishes (or fails and stays queued); the rest waits in account.sqlite.
  shutdown.add("stop the reminder emails", () => reminders.stop());
  shutdown.add("stop the mail sender", () => account.mail.stop());
  // Likewise for pushes: what waits stays in push.sqlite and the components' push_outbox.
  shutdown.add("stop the push sender", () => components.pushSender.stop());
  shutdown.add("flush write-behind state", async () => {
    flusher.stop();
    await flusher.flushAll();
  });
  shutdown.add("close databases", () => components.close());
  shutdown.add("release data directory", releaseLock);
  shutdown.listen();

  let port: number;
  try {
    await botListener.update();
    const adminPort = await listenOrFail(adminHttp, "127.0.0.1", config.admin.local_port, "admin.local_port");
    writeAdminTokenFile(config.data_dir, adminPort, adminToken);
    log.info({ host: "127.0.0.1", port: adminPort }, "admin listener");
    port = await listenOrFail(http, config.http.host, config.http.port, "http.port");
  } catch (error) {
    if (!(error instanceof ListenFailure)) throw error;
    removeAdminTokenFile(config.data_dir);
    releaseLock();
    refuse(error.message, 2);
  }
  account.mail.listeningAt(`http://${config.http.host}:${port}`);
  if (!config.email.public_url && !["127.0.0.1", "::1", "localhost"].includes(config.http.host))
    log.warn(
      { link_base: `http://${config.http.host}:${port}` },
      "email.public_url is empty: links in verification mails lead to the listening address; set it to the address users reach",
    );
  account.mail.start();
  components.pushSender.start();
  reminders.start();
  bots = new LocalBotsChild({
    main: MAIN,
    configFile,
    port,
    botPort: () => botPort,
    log,
    wanted: () => {
      const moderationBot = account.flags.get("moderation_bot_enabled");
      // The rule flags matter to the moderation bot only: without it their changes restart nothing.
      const rules = Object.fromEntries(
        MODERATION_RULE_FLAG_NAMES.map((name) => [name, account.flags.get(name)]),
      );
      return {
        users: account.flags.get("local_user_bots"),
        moderationBot,
        ruleFlags: moderationBot ? JSON.stringify(rules) : "",
      };
    },
  });
  void bots.update();
  // A flag that turns bots on opens the bot listener first; if it cannot bind, the bots stay off.
  account.flags.onChange((name) => {
    if (!BOT_FLAGS.includes(name)) return;
    botListener.update().then(
      () => bots?.update(),
      (error: unknown) => log.error({ err: error }, (error as Error).message),
    );
  });
  flusher.start(config.writer.flush_interval_seconds * 1000);
  daily.start();
  automaticSearches.start();
  statistics.start();
  localManager?.start();
  log.info(
    {
      host: config.http.host,
      port,
      accounts: account.cache.accounts.size,
      profiles: components.profile.cache.profiles.size,
    },
    "listening",
  );
  await notifier.ready(`listening on ${config.http.host}:${port}`);
}
