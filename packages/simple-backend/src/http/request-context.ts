import { randomUUID } from "node:crypto";
import type { Logger } from "../logger.js";
import type { HttpRequestContext } from "./http-types.js";
import { decodePathParameter } from "./path-parameter.js";
import { normalizeAddress } from "./remote-address.js";
import type { TransportRequest } from "./transport.js";

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** What a handler sees of a request; throws BadPathParameterError for a parameter that does not decode. */
export function requestContext(
  request: TransportRequest,
  route: string,
  remoteAddress: string,
  log: Logger,
): HttpRequestContext {
  const givenId = request.headers.get("x-request-id");
  return {
    method: request.method,
    route,
    url: request.url,
    query: new URLSearchParams(request.query),
    params: request.rawParams.map(decodePathParameter),
    headers: request.headers,
    body: Buffer.alloc(0),
    remoteAddress,
    requestId: givenId && REQUEST_ID.test(givenId) ? givenId : randomUUID(),
    log,
  };
}

/** What is known of a request whose parsing failed: enough to log it and answer. */
export function fallbackContext(request: TransportRequest, route: string, log: Logger): HttpRequestContext {
  return {
    method: request.method,
    route,
    url: request.url,
    query: new URLSearchParams(),
    params: [],
    headers: new Map(),
    body: Buffer.alloc(0),
    remoteAddress: normalizeAddress(request.peerAddress),
    requestId: randomUUID(),
    log,
  };
}
