import { VenusError } from "@venus/model";
import { errorReply, type HttpReply, type HttpRequestContext } from "@venus/simple-backend";

/** The one place where thrown errors become replies; anything unexpected is logged and hidden. */
export function errorToReply(error: unknown, ctx: HttpRequestContext): HttpReply {
  if (error instanceof VenusError) {
    return errorReply(error.status, error.code, error.message, error.details);
  }
  ctx.log.error({ err: error, reqId: ctx.requestId, route: ctx.route }, "unexpected error");
  return errorReply(500, "internal_error", "internal error");
}
