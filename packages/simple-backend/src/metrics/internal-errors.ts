import type { Metrics } from "./metrics.js";

/** Counts one unexpected error that a boundary turned into an `internal_error` answer. */
export function countInternalError(metrics: Metrics, where: "http" | "ws"): void {
  metrics
    .counter(
      "venus_internal_errors_total",
      "Unexpected errors a request or frame boundary turned into an internal_error answer",
      ["where"],
    )
    .inc({ where });
}
