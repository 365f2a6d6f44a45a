import type { RuntimeFlagReader } from "@venus/model";
import { listenOrFail } from "./listen-failure.js";

/** Whether the flags ask for the loopback bot listener: bots the server runs, or local bot login. */
export function botListenerWanted(flags: RuntimeFlagReader): boolean {
  return (
    flags.get("local_user_bots") > 0 ||
    flags.get("moderation_bot_enabled") ||
    flags.get("local_bot_login_enabled")
  );
}

/**
 * The bot listener (`bots.local_port`) opens only once the flags ask for it — at start, or later when
 * an admin turns bots or local bot login on — and then stays open until shutdown: closing it under
 * bots that are signing in would only make them fail.
 */
export class BotListenerGate {
  private opening: Promise<number> | undefined;

  constructor(
    private readonly listener: { listen(): Promise<number> },
    private readonly port: number,
    private readonly flags: RuntimeFlagReader,
    private readonly onOpen: (port: number) => void,
  ) {}

  /** The bound port once open. Rejects with a ListenFailure when the port cannot be bound. */
  async update(): Promise<number | undefined> {
    if (this.opening === undefined && botListenerWanted(this.flags)) {
      this.opening = listenOrFail(this.listener, "127.0.0.1", this.port, "bots.local_port");
      this.opening.then(this.onOpen, () => (this.opening = undefined));
    }
    return this.opening;
  }
}
