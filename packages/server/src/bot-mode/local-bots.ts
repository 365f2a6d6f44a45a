import { BotLogin, runModerationBot, runUserBot, type VenusClient } from "@venus/bot-client";
import { createLogger, type Logger } from "@venus/simple-backend";
import { loadServerConfig } from "../load-server-config.js";
import { readBotAccounts, writeBotAccounts, type BotAccounts } from "./bot-accounts.js";
import { loadBotsFile, moderationRulesFromFlags } from "./load-bots-file.js";

export interface LocalBotsOptions {
  configFile: string | undefined;
  /** The server's public base URL and its bot listener, as the server that started us knows them. */
  serverUrl: string;
  botListenerUrl: string;
  /** Override `bots.users` and `bots.moderation_bot` (the server passes its runtime flags). */
  users: number | undefined;
  moderationBot: boolean | undefined;
  /** The moderation rule flags as JSON (`--rule-flags`), in place of the bots file's rules. */
  ruleFlags?: string | undefined;
}

/** Makes the missing bot accounts on the local listener and remembers them in the data directory. */
async function ensureAccounts(
  options: LocalBotsOptions,
  dataDir: string,
  users: number,
  moderator: boolean,
): Promise<BotAccounts> {
  const accounts = readBotAccounts(dataDir);
  while (accounts.users.length < users) {
    accounts.users.push((await BotLogin.registerLocal(options.botListenerUrl)).account_id);
    writeBotAccounts(dataDir, accounts);
  }
  if (moderator && accounts.moderator === null) {
    accounts.moderator = (
      await BotLogin.registerLocal(options.botListenerUrl, { moderator: true })
    ).account_id;
    writeBotAccounts(dataDir, accounts);
  }
  return accounts;
}

/** Runs one bot until `signal` aborts; a bot that fails is logged and started again after a pause. */
async function keepRunning(
  log: Logger,
  name: string,
  signal: AbortSignal,
  run: () => Promise<void>,
): Promise<void> {
  while (!signal.aborted) {
    try {
      await run();
    } catch (error) {
      if (signal.aborted) return;
      log.warn({ err: error, bot: name }, "bot failed; starting it again in 5 s");
      await new Promise((resolve) => setTimeout(resolve, 5000));
    }
  }
}

/**
 * `venus bot --local`: the user bots and the moderation bot the server's config asks for, against that
 * server, until SIGTERM. Logs go to stderr (the server forwards them into its own log).
 */
export async function runLocalBots(options: LocalBotsOptions): Promise<void> {
  const config = loadServerConfig(options.configFile);
  const settings = loadBotsFile(config.bots.file);
  const log = createLogger(config.log.level, "venus-bots", 2);
  const users = options.users ?? config.bots.users;
  const moderationBot = options.moderationBot ?? config.bots.moderation_bot;
  const accounts = await ensureAccounts(options, config.data_dir, users, moderationBot);
  const stop = new AbortController();
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => stop.abort());
  const runs: Promise<void>[] = [];
  const play = (name: string, accountId: string, act: (client: VenusClient) => Promise<void>) =>
    runs.push(
      keepRunning(log, name, stop.signal, async () => {
        const client = await BotLogin.localClient(options.serverUrl, options.botListenerUrl, { accountId });
        try {
          await act(client);
        } finally {
          client.close();
        }
      }),
    );
  accounts.users
    .slice(0, users)
    .forEach((accountId, index) =>
      play(`user ${index}`, accountId, (client) =>
        runUserBot(client, { index, settings, log, signal: stop.signal }),
      ),
    );
  if (moderationBot && accounts.moderator !== null)
    play("moderator", accounts.moderator, (client) =>
      runModerationBot(client, {
        rules: options.ruleFlags
          ? moderationRulesFromFlags(settings.moderation, options.ruleFlags)
          : settings.moderation,
        log,
        signal: stop.signal,
        localBots: new Set(accounts.users.slice(0, users)),
      }),
    );
  log.info({ users, moderation_bot: moderationBot }, "bots running");
  await Promise.all(runs);
  log.info("bots stopped");
}
