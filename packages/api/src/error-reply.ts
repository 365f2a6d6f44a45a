import { VenusError } from "@venus/model";
import {
  countInternalError,
  errorReply,
  type HttpReply,
  type HttpRequestContext,
  type Metrics,
} from "@venus/simple-backend";

/**
 * The one place where thrown errors become replies; anything unexpected is logged, counted in
 * `venus_internal_errors_total` and hidden behind `500 internal_error`.
 */
export function errorToReply(error: unknown, ctx: HttpRequestContext, metrics: Metrics): HttpReply {
  if (error instanceof VenusError) {
    return errorReply(error.status, error.code, error.message, error.details);
  }
  ctx.log.error({ err: error, reqId: ctx.requestId, route: ctx.route }, "unexpected error");
  countInternalError(metrics, ctx.method === "WS" ? "ws" : "http");
  return errorReply(500, "internal_error", "internal error");
}
