import type { Counter, Gauge } from "prom-client";
import type { Metrics } from "@venus/simple-backend";

/** What an operator watches of uploads: how they end, and how many wait for the worker. */
export class UploadMetrics {
  /** By final state: `completed`, a failure reason, or `busy` for uploads refused with 503. */
  readonly results: Counter<string>;
  readonly waiting: Gauge<string>;

  constructor(metrics: Metrics) {
    this.results = metrics.counter("venus_uploads_total", "Uploads by how they ended", ["result"]);
    this.waiting = metrics.gauge("venus_image_worker_queue", "Uploads waiting for the image worker");
  }
}
