import { LATENCY_BUCKETS, type Metrics } from "@venus/simple-backend";
import type { Histogram } from "prom-client";

/** Batch-size and commit-latency histograms shared by every writer, labelled by database. */
export class WriterMetrics {
  readonly batchSize: Histogram<string>;
  readonly commitSeconds: Histogram<string>;

  constructor(metrics: Metrics) {
    this.batchSize = metrics.histogram(
      "venus_writer_batch_size",
      "Operations committed per transaction",
      [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024],
      ["database"],
    );
    this.commitSeconds = metrics.histogram(
      "venus_writer_commit_seconds",
      "Time to run, commit and make durable one batch",
      LATENCY_BUCKETS,
      ["database"],
    );
  }
}
