import type { Counter } from "prom-client";
import type { Metrics } from "@venus/simple-backend";

/** What an operator watches of messages: stored − deleted is what the server holds now. */
export class ChatMetrics {
  /** By step: `stored` (sent), `delivered` (the recipient acknowledged), `deleted` (both sides done). */
  readonly messages: Counter<string>;

  constructor(metrics: Metrics) {
    this.messages = metrics.counter("venus_chat_messages_total", "Chat messages by lifecycle step", ["step"]);
  }
}
