import type { Counter } from "prom-client";
import type { Metrics } from "@venus/simple-backend";

type StepCounter = Counter.Internal;

/** What an operator watches of messages: stored − deleted is what the server holds now. */
export class ChatMetrics {
  /**
   * `venus_chat_messages_total` by step: `stored` (sent), `delivered` (the recipient acknowledged),
   * `deleted` (both sides done). One child each, so that counting a message looks up no labels.
   */
  readonly stored: StepCounter;
  readonly delivered: StepCounter;
  readonly deleted: StepCounter;

  constructor(metrics: Metrics) {
    const messages = metrics.counter("venus_chat_messages_total", "Chat messages by lifecycle step", [
      "step",
    ]);
    this.stored = messages.labels("stored");
    this.delivered = messages.labels("delivered");
    this.deleted = messages.labels("deleted");
  }
}
