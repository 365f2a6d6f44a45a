import type { SocketClosed } from "../venus-socket.js";

/** `signal` aborted: the bot stops (resolves). */
export class Stopped extends Error {
  override readonly name = "Stopped";
}

/** The client's socket closed: every HTTP route needs it, so the bot gives up and the caller signs in again. */
export class ModerationBotDisconnected extends Error {
  override readonly name = "ModerationBotDisconnected";
  constructor(readonly closed: SocketClosed | undefined) {
    super(
      closed
        ? `the moderation bot's connection closed (${closed.code}${closed.reason ? ` ${closed.reason}` : ""})`
        : "the moderation bot's client is not connected",
    );
  }
}

/** Whether the bot must stop rather than log and carry on. */
export const isEnd = (error: unknown) =>
  error instanceof Stopped || error instanceof ModerationBotDisconnected;
