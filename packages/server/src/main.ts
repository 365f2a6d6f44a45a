#!/usr/bin/env node
import { Console } from "node:console";
import { fileURLToPath } from "node:url";
import { Command, InvalidArgumentError } from "commander";
import { ManagerConfig, VenusConfig } from "@venus/model";
import { createLogger, exitWhenOrphaned, renderDefaultConfig } from "@venus/simple-backend";
import { addAdminCommands } from "./admin-cli/admin-command-line.js";
import { VENUS_VERSION } from "./version.js";

// Each mode loads only its own code: the image worker starts without uWebSockets.js or SQLite.

// Every file and directory Venus creates is its user's alone, whatever umask it was started with: the
// data holds password hashes, sign-in codes, exact locations and secrets. Children inherit the mask.
process.umask(0o077);

/** This program: the manager runs its `server` mode as a child. */
const MAIN = fileURLToPath(import.meta.url);

const program = new Command()
  .name("venus")
  .description("Venus: a self-hosted dating app backend. One program, several modes.")
  .version(VENUS_VERSION)
  .showHelpAfterError()
  .allowExcessArguments(false)
  // A command's options are read only before its subcommand: `bot load --server` is load's, not bot's.
  .enablePositionalOptions();

program
  .command("server")
  .description("run the API server (HTTP + WebSocket); all state in memory over SQLite")
  .option("-c, --config <file>", "TOML config file (default: embedded defaults)")
  .option("--supervised", "shut down gracefully when the parent process (venus manager) dies")
  .action(async (options: { config?: string; supervised?: boolean }) => {
    // A manager killed outright must not leave its server running unsupervised: the next manager
    // could not start one (the data directory stays locked).
    if (options.supervised) exitWhenOrphaned(1000, () => process.kill(process.pid, "SIGTERM"));
    const { runServer } = await import("./server-mode.js");
    await runServer(options.config);
  });

program
  .command("manager")
  .description("supervise the server as a child process and serve the manager API (see docs/manager.md)")
  .option("-c, --config <file>", "the manager's TOML config file (api.api_key is required)")
  .action(async (options: { config?: string }) => {
    const { runManager } = await import("@venus/manager");
    await runManager({
      configFile: options.config,
      server: { command: process.execPath, args: [...process.execArgv, MAIN, "server"] },
      version: VENUS_VERSION,
    });
  });

program
  .command("manager-api")
  .description("call the manager API, e.g. `venus manager-api GET /manager/server` (see docs/manager.md)")
  .argument("<method>", "GET or POST")
  .argument("<path>", "e.g. /manager/logs?lines=50")
  .argument("[body]", "a JSON body")
  .option("-c, --config <file>", "the manager's config file: where its API listens, and its key")
  .option("--url <url>", "the manager API's base URL (default: from the config)")
  .option("--key <key>", "the API key (default: from the config)")
  .action(
    async (
      method: string,
      path: string,
      body: string | undefined,
      options: { config?: string; url?: string; key?: string },
    ) => {
      const { runManagerApiCommand } = await import("@venus/manager");
      process.exitCode = await runManagerApiCommand({
        method,
        path,
        body,
        configFile: options.config,
        url: options.url,
        key: options.key,
      });
    },
  );

const backup = program
  .command("backup")
  .description("backups of the server's data to a peer manager (see docs/manager.md, Backups)");
const managerConfigOption = "the manager's TOML config file";

backup
  .command("now")
  .description("ask the local manager for a backup now and follow it to the end")
  .option("-c, --config <file>", "the manager's config file: where its API listens, and its key")
  .option("--url <url>", "the manager API's base URL (default: from the config)")
  .option("--key <key>", "the API key (default: from the config)")
  .action(async (options: { config?: string; url?: string; key?: string }) => {
    const { runBackupNow } = await import("@venus/manager");
    process.exitCode = await runBackupNow({ configFile: options.config, url: options.url, key: options.key });
  });

backup
  .command("verify")
  .description("check every hash of the backups this peer stores (run on the peer)")
  .option("-c, --config <file>", managerConfigOption)
  .option("--source <name>", "whose backups (default: the only source)")
  .option("--snapshot <timestamp>", "only this snapshot, e.g. 20261122T041500Z (default: all)")
  .action(async (options: { config?: string; source?: string; snapshot?: string }) => {
    const { runBackupVerify } = await import("@venus/manager");
    process.exitCode = await runBackupVerify({
      configFile: options.config,
      source: options.source,
      snapshot: options.snapshot,
    });
  });

backup
  .command("restore")
  .description("write a server data directory from a backup this peer stores (run on the peer)")
  .requiredOption("--to <dir>", "the new data directory (must be empty or not exist)")
  .option("-c, --config <file>", managerConfigOption)
  .option("--source <name>", "whose backup (default: the only source)")
  .option("--snapshot <timestamp>", "which snapshot (default: the newest)")
  .action(async (options: { to: string; config?: string; source?: string; snapshot?: string }) => {
    const { runBackupRestore } = await import("@venus/manager");
    process.exitCode = await runBackupRestore({
      configFile: options.config,
      to: options.to,
      source: options.source,
      snapshot: options.snapshot,
    });
  });

program
  .command("image-worker")
  .description(
    "process image jobs: length-prefixed msgpackr frames on stdin/stdout, logs on stderr (started by the server)",
  )
  .action(async () => {
    const { runImageWorker } = await import("@venus/image-worker");
    exitWhenOrphaned();
    // stdout carries the frames: the model libraries' console chatter must not land there.
    globalThis.console = new Console(process.stderr, process.stderr);
    const log = createLogger("info", "image-worker", 2);
    process.exitCode = await runImageWorker(process.stdin, process.stdout, log);
  });

const bot = program
  .command("bot")
  .description("run bots against a Venus server (see docs/bots.md)")
  .option(
    "--local",
    "the bots of the server's own config (the default; the server starts `venus bot --local` itself when bots.users or bots.moderation_bot ask)",
  )
  .option("-c, --config <file>", "the server's TOML config file")
  .option("--server <url>", "the server's public base URL", "http://127.0.0.1:3000")
  .option("--bot-listener <url>", "the server's loopback bot listener", "http://127.0.0.1:3001")
  .option("--users <n>", "user bots (default: bots.users)", (value) => Number.parseInt(value, 10))
  .option("--moderation-bot", "run the moderation bot (default: bots.moderation_bot)")
  .option("--no-moderation-bot", "do not run the moderation bot")
  .option(
    "--rule-flags <json>",
    "the moderation rule flags' values, in place of the bots file's rules (the server passes its runtime flags)",
  )
  .action(
    async (options: {
      local?: boolean;
      config?: string;
      server: string;
      botListener: string;
      users?: number;
      moderationBot?: boolean;
      ruleFlags?: string;
    }) => {
      const { runLocalBots } = await import("./bot-mode/local-bots.js");
      exitWhenOrphaned();
      await runLocalBots({
        configFile: options.config,
        serverUrl: options.server,
        botListenerUrl: options.botListener,
        users: options.users,
        moderationBot: options.moderationBot,
        ruleFlags: options.ruleFlags,
      });
    },
  );

/** A commander parser for a number above 0 (an integer when `integer`). */
function positive(integer: boolean) {
  return (value: string): number => {
    const number = Number(value);
    if (!(number > 0) || (integer && !Number.isInteger(number)))
      throw new InvalidArgumentError(`expected ${integer ? "a whole number" : "a number"} above 0`);
    return number;
  };
}

bot
  .command("load")
  .description("play N user bots against any Venus server and report throughput and latency")
  .option("--users <n>", "load bots (each registers a new account)", positive(true), 10)
  .option(
    "--duration <seconds>",
    "length of the measured phase, after every bot is set up",
    positive(false),
    30,
  )
  .option("--server <url>", "the server's public base URL", "http://127.0.0.1:3000")
  .option(
    "--bot-listener <url>",
    "a server on this machine: its loopback bot listener, where the bots sign in (no registration limit)",
    "http://127.0.0.1:3001",
  )
  .option(
    "-c, --config <file>",
    "a server on this machine: its config file, to find its admin token and switch local bot login on",
  )
  .option("--interval <seconds>", "each bot's time between two rounds, on average", positive(false), 1)
  .option(
    "--json [file]",
    "write the figures as JSON to FILE (the table still on stdout), or to stdout instead of the table",
  )
  .action(
    async (options: {
      users: number;
      duration: number;
      server: string;
      botListener: string;
      config?: string;
      interval: number;
      json?: string | true;
    }) => {
      const { runLoadMode } = await import("./bot-mode/load-mode.js");
      process.exitCode = await runLoadMode({ ...options, configFile: options.config });
    },
  );

program
  .command("client")
  .description("be a client of a Venus server from the command line")
  .command("login")
  .description(
    "log in, keep the WebSocket open and print a usable access token and a curl example, until Ctrl-C",
  )
  .argument("<email>", "the account's email")
  .option("--password <password>", "the password (default: the first line of standard input)")
  .option(
    "--server <url>",
    "the server's public base URL (default: the local server's, from its config and VENUS_* overrides)",
  )
  .option("-c, --config <file>", "the local server's config file (for the default --server)")
  .action(async (email: string, options: { password?: string; server?: string; config?: string }) => {
    const { localServerUrl, runClientLogin } = await import("./client-mode.js");
    process.exitCode = await runClientLogin({
      server: options.server ?? localServerUrl(options.config),
      email,
      password: options.password,
    });
  });

addAdminCommands(program);

const config = program.command("config").description("configuration helpers");
config
  .command("default")
  .description("print the complete default config, every option commented")
  .option("--manager", "the manager's config (venus manager) instead of the server's")
  .action((options: { manager?: boolean }) => {
    process.stdout.write(
      options.manager
        ? renderDefaultConfig(
            ManagerConfig,
            "Venus manager configuration. Every option is shown with its default.\n" +
              "Environment variables override the file: VENUS_MANAGER_<SECTION>__<KEY>, e.g. VENUS_MANAGER_API__PORT=4200.",
          )
        : renderDefaultConfig(
            VenusConfig,
            "Venus server configuration. Every option is shown with its default.\n" +
              "Environment variables override the file: VENUS_<SECTION>__<KEY>, e.g. VENUS_HTTP__PORT=4000.",
          ),
    );
  });

await program.parseAsync(process.argv);
