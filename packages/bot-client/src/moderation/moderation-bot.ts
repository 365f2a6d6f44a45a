import type { BotsFile } from "@venus/model";
import type { Logger } from "@venus/simple-backend";
import type { VenusClient } from "../venus-client.js";
import { ModerationBotDisconnected, Stopped } from "./moderation-bot-errors.js";
import {
  imageRules,
  textRules,
  type ImageItem,
  type ModerationRule,
  type TextItem,
} from "./moderation-rules.js";
import { Moderator, QUEUES, type QueueName } from "./moderator.js";
import { selfieRules } from "./detector-rules.js";

export { ModerationBotDisconnected } from "./moderation-bot-errors.js";

export interface ModerationBotOptions {
  rules: BotsFile["moderation"];
  log: Logger;
  signal: AbortSignal;
  /** Default: `imageRules(rules)`; pass your own list to plug in a detector. */
  imageRules?: ModerationRule<ImageItem>[];
  /** Default: `textRules(rules)`; pass your own list to plug in a detector or a language model. */
  textRules?: ModerationRule<TextItem>[];
  /**
   * The accounts of the user bots the server runs itself (`venus bot --local`): with
   * `rules.accept_local_bot_images`, their profile images no rule rejects are accepted. Default: none.
   */
  localBots?: ReadonlySet<string>;
}

/** The longest delay setInterval takes (about 24.8 days); longer ones would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Decides waiting images, names and texts by the rules whenever a moderation_queue_changed event
 * arrives (and every rules.check_every_seconds as a fallback) until `signal` aborts; what no rule
 * decides stays for the human moderators.
 *
 * - A pass pages through a whole queue (`after`/`next`) from its start, so items queued before the
 *   bot started, or whose event was missed, are found by the first pass or the timer.
 * - Wake-ups coalesce: events that arrive during a pass schedule one more pass of their queue, not
 *   one per event. The timer schedules a pass of both queues.
 * - An item no rule decides stays in the queue for humans; the cursor moves past it, and the bot
 *   remembers it (images by content id, texts by account, field, edit time and value) so later
 *   passes do not ask the rules again — which matters once a slow detector is plugged in. A rule
 *   that throws leaves its item undecided for this pass only.
 * - A failing call is logged and the bot carries on (a failed page ends that queue's pass; the next
 *   event or the timer tries again); `404 not_found` on a decision means a human or a deletion got
 *   there first.
 * - Abort stops the bot at once, even while a call or a rule is still running (its answer is ignored).
 * - The routes need the client's socket, so when it closes the returned promise rejects with
 *   ModerationBotDisconnected: the caller signs in again and starts a new run.
 */
export async function runModerationBot(client: VenusClient, options: ModerationBotOptions): Promise<void> {
  const { rules, signal } = options;
  const log = options.log.child({ bot: "moderation" });
  if (signal.aborted) return;
  const socket = client.connected ? client.lastSocket : undefined;
  if (!socket) throw new ModerationBotDisconnected(undefined);
  // Rejects with Stopped on abort, or with ModerationBotDisconnected when the socket closes.
  let onAbort = () => {};
  const ended = new Promise<never>((_, reject) => {
    onAbort = () => reject(new Stopped());
    signal.addEventListener("abort", onAbort, { once: true });
    void socket.closed.then((closed) => reject(new ModerationBotDisconnected(closed)));
  });
  ended.catch(() => undefined);
  const moderator = new Moderator(client, log, ended, {
    images: options.imageRules ?? imageRules(rules),
    selfies: selfieRules(rules),
    texts: options.textRules ?? textRules(rules),
    acceptOtherImages: (accountId) =>
      rules.accept_other_images ||
      (rules.accept_local_bot_images && (options.localBots?.has(accountId) ?? false)),
    acceptOtherTexts: rules.accept_other_texts,
    localBot: (accountId) => options.localBots?.has(accountId) ?? false,
  });

  const due = new Set<QueueName>(QUEUES);
  let wake = () => {};
  const schedule = (queues: readonly QueueName[]) => {
    for (const queue of queues) due.add(queue);
    wake();
  };
  const stopListening = client.on("moderation_queue_changed", ({ queue }) =>
    schedule(QUEUES.includes(queue) ? [queue] : QUEUES),
  );
  const timer = setInterval(
    () => schedule(QUEUES),
    Math.min(MAX_TIMER_MS, Math.max(1, rules.check_every_seconds * 1000)),
  );
  log.info({ check_every_seconds: rules.check_every_seconds }, "moderation bot started");
  try {
    for (;;) {
      if (due.size === 0) await Promise.race([new Promise<void>((resolve) => (wake = resolve)), ended]);
      wake = () => {};
      const queues = QUEUES.filter((queue) => due.has(queue));
      due.clear();
      for (const queue of queues) await moderator.pass(queue);
    }
  } catch (error) {
    if (error instanceof Stopped) {
      log.info("moderation bot stopped");
      return;
    }
    throw error;
  } finally {
    stopListening();
    clearInterval(timer);
    signal.removeEventListener("abort", onAbort);
  }
}
