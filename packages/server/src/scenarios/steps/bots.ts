import { BotLogin, runModerationBot, runUserBot, type VenusClient } from "@venus/bot-client";
import { BotsFile } from "@venus/model";
import { loadConfig } from "@venus/simple-backend";
import { collectLogs, type LogCollector } from "./events.js";

/** The embedded bots config file (config/bots.toml): what `venus bot` uses without a file of its own. */
export function defaultBotsFile(): BotsFile {
  return loadConfig({ schema: BotsFile, envPrefix: "VENUS_SCENARIO_NONE__", env: {} });
}

/** A bots config: the defaults with these rules and user settings (and templates, when given). */
export function botsFile(
  changes: {
    moderation?: Partial<BotsFile["moderation"]>;
    users?: Partial<BotsFile["users"]>;
    profiles?: BotsFile["profiles"];
  } = {},
): BotsFile {
  const defaults = defaultBotsFile();
  return {
    ...defaults,
    moderation: { ...defaults.moderation, ...changes.moderation },
    users: { ...defaults.users, ...changes.users },
    profiles: changes.profiles ?? defaults.profiles,
  };
}

/** A running bot: its client (connected as kind `bot`), its log, and how to stop it. */
export interface RunningBot {
  client: VenusClient;
  logs: LogCollector;
  /** Aborts the bot, waits for it to end, and closes its socket. */
  stop(): Promise<void>;
}

/**
 * The moderation bot on a new moderator bot account made on the local bot listener: it decides
 * what `rules` decide from its first pass on, woken by `moderation_queue_changed` events.
 */
export async function startModerationBot(
  server: { url: string; botUrl: string },
  rules: BotsFile["moderation"],
): Promise<RunningBot> {
  const client = await BotLogin.localClient(server.url, server.botUrl, { moderator: true });
  const logs = collectLogs("scenario-moderation-bot", "debug");
  const controller = new AbortController();
  const run = runModerationBot(client, { rules, log: logs.log, signal: controller.signal });
  run.catch(() => undefined);
  return {
    client,
    logs,
    async stop() {
      controller.abort();
      await run;
      await client.close();
    },
  };
}

/**
 * A user bot on a new bot account made on the local bot listener, running with `settings` (its
 * template is `settings.profiles[index mod n]`). `ready` resolves once it has set itself up, gone
 * public and published its key ("user bot ready").
 */
export async function startUserBot(
  server: { url: string; botUrl: string },
  settings: BotsFile,
  options: { index?: number; random?: () => number } = {},
): Promise<RunningBot & { ready: Promise<unknown>; run: Promise<void> }> {
  const client = await BotLogin.localClient(server.url, server.botUrl);
  const logs = collectLogs("scenario-user-bot");
  const controller = new AbortController();
  const run = runUserBot(client, {
    index: options.index ?? 0,
    settings,
    log: logs.log,
    signal: controller.signal,
    ...(options.random ? { random: options.random } : {}),
  });
  run.catch(() => undefined);
  const ready = Promise.race([
    logs.waitFor("user bot ready", () => true, 15_000),
    run.then(() => {
      throw new Error("the user bot stopped before it was ready");
    }),
  ]);
  ready.catch(() => undefined);
  return {
    client,
    logs,
    ready,
    run,
    async stop() {
      controller.abort();
      await run;
      await client.close();
    },
  };
}
