import { SupervisedProcess, type Logger } from "@venus/simple-backend";

/** What the runtime flags `local_user_bots`, `moderation_bot_enabled` and the rule flags ask for. */
export interface BotsWanted {
  users: number;
  moderationBot: boolean;
  /** The moderation rule flags, as JSON (`--rule-flags`). */
  ruleFlags: string;
}

export interface LocalBotsChildOptions {
  /** This program (`venus bot --local` is its bot mode). */
  main: string;
  configFile: string | undefined;
  /** The server's public port, and its bot listener's (open whenever bots are wanted). */
  port: number;
  botPort: () => number;
  log: Logger;
  wanted: () => BotsWanted;
}

const none = (wanted: BotsWanted) => wanted.users === 0 && !wanted.moderationBot;

/**
 * The `venus bot --local` child the server runs while the flags ask for user bots or the moderation
 * bot: `update()` starts it, restarts it with the new values, or stops it when both are off. Calls
 * run one after another, so a flag changed twice quickly ends with the last values.
 */
export class LocalBotsChild {
  private child: SupervisedProcess | undefined;
  private running: BotsWanted = { users: 0, moderationBot: false, ruleFlags: "" };
  private queue: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly options: LocalBotsChildOptions) {}

  update(): Promise<void> {
    this.queue = this.queue
      .then(() => this.apply())
      .catch((error: unknown) => this.options.log.error({ err: error }, "could not start the bots"));
    return this.queue;
  }

  /** Stops the child for good (shutdown); resolves when it has exited. */
  stop(): Promise<void> {
    this.stopped = true;
    this.queue = this.queue.then(() => this.stopChild());
    return this.queue;
  }

  private async apply(): Promise<void> {
    const wanted = this.options.wanted();
    const same =
      wanted.users === this.running.users &&
      wanted.moderationBot === this.running.moderationBot &&
      wanted.ruleFlags === this.running.ruleFlags;
    if (this.stopped || same) return;
    if (this.child) this.options.log.info({ ...wanted }, "restarting the bots with the new flags");
    await this.stopChild();
    this.running = wanted;
    if (none(wanted)) return;
    this.child = new SupervisedProcess({
      name: "bots",
      command: process.execPath,
      args: this.args(wanted),
      log: this.options.log,
    });
    this.child.start();
  }

  private async stopChild(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    await child?.stop();
  }

  private args(wanted: BotsWanted): string[] {
    const { main, configFile, port, botPort } = this.options;
    return [
      ...process.execArgv,
      main,
      "bot",
      "--local",
      "--server",
      `http://127.0.0.1:${port}`,
      "--bot-listener",
      `http://127.0.0.1:${botPort()}`,
      "--users",
      String(wanted.users),
      wanted.moderationBot ? "--moderation-bot" : "--no-moderation-bot",
      "--rule-flags",
      wanted.ruleFlags,
      ...(configFile ? ["--config", configFile] : []),
    ];
  }
}
