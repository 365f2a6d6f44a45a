import type { Counter, Gauge, Histogram } from "prom-client";
import { LATENCY_BUCKETS, type Metrics } from "@venus/simple-backend";

/** Per provider: what went out, what failed and why, tokens removed, what waits, how long a send took. */
export class PushMetrics {
  readonly sent: Counter<string>;
  readonly failed: Counter<string>;
  readonly dropped: Counter<string>;
  readonly tokensRemoved: Counter<string>;
  readonly queued: Gauge<string>;
  readonly latency: Histogram<string>;

  constructor(metrics: Metrics) {
    this.sent = metrics.counter("venus_push_sent_total", "Pushes a provider accepted", ["provider"]);
    this.failed = metrics.counter("venus_push_failed_total", "Failed push attempts by reason", [
      "provider",
      "reason",
    ]);
    this.dropped = metrics.counter("venus_push_dropped_total", "Pushes given up by reason", [
      "provider",
      "reason",
    ]);
    this.tokensRemoved = metrics.counter(
      "venus_push_tokens_removed_total",
      "Push targets removed because the provider said they are gone",
      ["provider"],
    );
    this.queued = metrics.gauge("venus_push_queued", "Pushes waiting for their provider", ["provider"]);
    this.latency = metrics.histogram(
      "venus_push_send_seconds",
      "Time for one provider request",
      LATENCY_BUCKETS,
      ["provider"],
    );
  }
}
