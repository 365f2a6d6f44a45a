import type { Logger } from "../logger.js";

export type HttpMethod = "get" | "post" | "put" | "patch" | "del";

export interface HttpRequestContext {
  method: string;
  /** The route pattern that matched, e.g. `/profile/:account_id`. */
  route: string;
  url: string;
  query: URLSearchParams;
  /** Path parameters in pattern order. */
  params: string[];
  headers: Map<string, string>;
  body: Buffer;
  remoteAddress: string;
  requestId: string;
  log: Logger;
}

export interface HttpReply {
  status: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings and buffers as they are. */
  body?: unknown;
  contentType?: string;
}

export type HttpHandler = (ctx: HttpRequestContext) => Promise<HttpReply> | HttpReply;

/**
 * The error body every reply uses: `{"error":{"code","message","details"}}` (`details` only for codes
 * that have them). `retry_after_seconds` in the details is sent as `Retry-After` too.
 */
export function errorReply(status: number, code: string, message: string, details?: object): HttpReply {
  const retryAfter = (details as { retry_after_seconds?: unknown } | undefined)?.retry_after_seconds;
  return {
    status,
    body: { error: { code, message, ...(details ? { details } : {}) } },
    ...(typeof retryAfter === "number" ? { headers: { "retry-after": String(retryAfter) } } : {}),
  };
}

export const STATUS_TEXT: Record<number, string> = {
  200: "200 OK",
  201: "201 Created",
  204: "204 No Content",
  304: "304 Not Modified",
  308: "308 Permanent Redirect",
  400: "400 Bad Request",
  401: "401 Unauthorized",
  403: "403 Forbidden",
  404: "404 Not Found",
  405: "405 Method Not Allowed",
  408: "408 Request Timeout",
  409: "409 Conflict",
  413: "413 Payload Too Large",
  415: "415 Unsupported Media Type",
  422: "422 Unprocessable Entity",
  429: "429 Too Many Requests",
  431: "431 Request Header Fields Too Large",
  500: "500 Internal Server Error",
  502: "502 Bad Gateway",
  503: "503 Service Unavailable",
  504: "504 Gateway Timeout",
};
