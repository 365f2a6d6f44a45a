import { randomUUID } from "node:crypto";
import type { Counter, Histogram } from "prom-client";
import type { Logger } from "../logger.js";
import { LATENCY_BUCKETS, type Metrics } from "../metrics/metrics.js";
import { readBody, BodyTooLargeError } from "./read-body.js";
import { normalizeAddress, remoteAddressOf, type TrustedProxies } from "./remote-address.js";
import { BadPathParameterError, decodePathParameter } from "./path-parameter.js";
import { sendReply } from "./send-reply.js";
import type { HttpRequest, HttpResponse, TemplatedApp, Uws, us_listen_socket } from "./uws.js";
import {
  errorReply,
  type HttpHandler,
  type HttpMethod,
  type HttpReply,
  type HttpRequestContext,
} from "./http-types.js";

export interface HttpServerOptions {
  host: string;
  port: number;
  maxBodyBytes: number;
  /** Whose forwarding header names the client (see remote-address.ts). */
  trustedProxies: TrustedProxies;
  log: Logger;
  metrics: Metrics;
  /** Turns anything a handler throws into a reply. */
  onError: (error: unknown, ctx: HttpRequestContext) => HttpReply;
}

export interface RouteOptions {
  /** Overrides the server-wide body limit for this route. */
  maxBodyBytes?: number;
}

const BODY_METHODS = new Set<HttpMethod>(["post", "put", "patch"]);
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** HTTP on a uWebSockets.js app: routing, body limits, request ids, metrics and draining. */
export class HttpServer {
  private listenSocket: us_listen_socket | undefined;
  private accepting = true;
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];
  private readonly requests: Counter<string>;
  private readonly latency: Histogram<string>;

  constructor(
    readonly uws: Uws,
    readonly app: TemplatedApp,
    private readonly options: HttpServerOptions,
  ) {
    this.requests = options.metrics.counter(
      "venus_http_requests_total",
      "HTTP requests by route and status",
      ["method", "route", "status"],
    );
    this.latency = options.metrics.histogram(
      "venus_http_request_duration_seconds",
      "HTTP request latency by route",
      LATENCY_BUCKETS,
      ["method", "route"],
    );
  }

  route(method: HttpMethod, pattern: string, handler: HttpHandler, routeOptions: RouteOptions = {}): void {
    const maxBodyBytes = routeOptions.maxBodyBytes ?? this.options.maxBodyBytes;
    this.app[method](pattern, (res, req) => this.handle(res, req, method, pattern, handler, maxBodyBytes));
  }

  /** Answers every unmatched path; call after all routes. */
  notFound(): void {
    const handler: HttpHandler = () => errorReply(404, "not_found", "no such route");
    this.app.any("/*", (res, req) => this.handle(res, req, "get", "(unmatched)", handler, 0));
  }

  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.app.listen(this.options.host, this.options.port, (socket) => {
        if (!socket) return reject(new Error(`cannot listen on ${this.options.host}:${this.options.port}`));
        this.listenSocket = socket;
        resolve(this.uws.us_socket_local_port(socket as never));
      });
    });
  }

  /** Closes the listening socket; requests on open connections get `503 shutting_down`. */
  stopAccepting(): void {
    this.accepting = false;
    if (this.listenSocket) this.uws.us_listen_socket_close(this.listenSocket);
    this.listenSocket = undefined;
  }

  /** Resolves once no request is in flight. */
  drain(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * The one boundary of every request: whatever the parsing of the request or the handler throws becomes
   * an answer for this request alone, never an exception that reaches the process.
   */
  private handle(
    res: HttpResponse,
    req: HttpRequest,
    method: HttpMethod,
    route: string,
    handler: HttpHandler,
    maxBodyBytes: number,
  ): void {
    const started = performance.now();
    let ctx: HttpRequestContext;
    let badRequest: HttpReply | undefined;
    try {
      ctx = this.context(res, req, route);
    } catch (error) {
      ctx = this.fallbackContext(res, req, route);
      badRequest =
        error instanceof BadPathParameterError
          ? errorReply(400, error.code, error.message)
          : this.options.onError(error, ctx);
    }
    const state = { aborted: false };
    res.onAborted(() => {
      state.aborted = true;
    });
    this.inFlight++;
    const finish = () => {
      this.latency.observe({ method: ctx.method, route }, (performance.now() - started) / 1000);
      if (--this.inFlight === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    };
    const answer = badRequest
      ? Promise.resolve(this.send(res, ctx, state, badRequest, false))
      : this.run(res, ctx, state, method, handler, maxBodyBytes);
    answer
      .catch((error: unknown) => {
        ctx.log.error({ err: error, reqId: ctx.requestId, route }, "request failed outside its handler");
        if (!state.aborted) {
          state.aborted = true;
          try {
            res.close();
          } catch {
            // The connection is already gone.
          }
        }
      })
      .finally(finish);
  }

  private context(res: HttpResponse, req: HttpRequest, route: string): HttpRequestContext {
    const headers = new Map<string, string>();
    req.forEach((key, value) => headers.set(key, value));
    const params: string[] = [];
    const paramCount = route.split("/:").length - 1;
    for (let i = 0; i < paramCount; i++) params.push(decodePathParameter(req.getParameter(i) ?? ""));
    const givenId = headers.get("x-request-id");
    return {
      method: req.getMethod().toUpperCase(),
      route,
      url: req.getUrl(),
      query: new URLSearchParams(req.getQuery() ?? ""),
      params,
      headers,
      body: Buffer.alloc(0),
      remoteAddress: remoteAddressOf(res, headers, this.options.trustedProxies),
      requestId: givenId && REQUEST_ID.test(givenId) ? givenId : randomUUID(),
      log: this.options.log,
    };
  }

  /** What is known of a request whose parsing failed: enough to log it and answer. */
  private fallbackContext(res: HttpResponse, req: HttpRequest, route: string): HttpRequestContext {
    return {
      method: req.getMethod().toUpperCase(),
      route,
      url: req.getUrl(),
      query: new URLSearchParams(),
      params: [],
      headers: new Map(),
      body: Buffer.alloc(0),
      remoteAddress: normalizeAddress(Buffer.from(res.getRemoteAddressAsText()).toString()),
      requestId: randomUUID(),
      log: this.options.log,
    };
  }

  private async run(
    res: HttpResponse,
    ctx: HttpRequestContext,
    state: { aborted: boolean },
    method: HttpMethod,
    handler: HttpHandler,
    maxBodyBytes: number,
  ): Promise<void> {
    let reply: HttpReply;
    let closeConnection = false;
    if (!this.accepting) {
      reply = errorReply(503, "shutting_down", "the server is shutting down", {
        "retry-after": "5",
      });
      closeConnection = true;
    } else {
      try {
        if (BODY_METHODS.has(method)) ctx.body = await readBody(res, ctx.headers, maxBodyBytes);
        reply = await handler(ctx);
      } catch (error) {
        if (error instanceof BodyTooLargeError) {
          reply = errorReply(413, "payload_too_large", `request body exceeds ${maxBodyBytes} bytes`);
          closeConnection = true;
        } else {
          reply = this.options.onError(error, ctx);
        }
      }
    }
    this.send(res, ctx, state, reply, closeConnection);
  }

  private send(
    res: HttpResponse,
    ctx: HttpRequestContext,
    state: { aborted: boolean },
    reply: HttpReply,
    closeConnection: boolean,
  ): void {
    this.requests.inc({
      method: ctx.method,
      route: ctx.route,
      status: String(reply.status),
    });
    const entry = { reqId: ctx.requestId, method: ctx.method, url: ctx.url, status: reply.status };
    if (reply.status >= 500) ctx.log.error(entry, "request failed");
    else ctx.log.debug(entry, "request");
    // A HEAD answer has headers only: a body would be read as the start of the next response.
    const sent = ctx.method === "HEAD" ? { ...reply, body: undefined } : reply;
    if (!state.aborted) sendReply(res, sent, ctx.requestId, closeConnection);
  }
}
