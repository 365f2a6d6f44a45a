import type { Counter, Histogram } from "prom-client";
import type { Logger } from "../logger.js";
import { LATENCY_BUCKETS, type Metrics } from "../metrics/metrics.js";
import { BodyTooLargeError, ClientGoneError } from "./body-errors.js";
import { encodeReply } from "./encode-reply.js";
import { clientAddress, type TrustedProxies } from "./remote-address.js";
import { BadPathParameterError } from "./path-parameter.js";
import { fallbackContext, requestContext } from "./request-context.js";
import type {
  DiscardLimits,
  SocketCallbacks,
  SocketLimits,
  Transport,
  TransportInfo,
  TransportListener,
  TransportRequest,
} from "./transport.js";
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
  /** What is read and dropped of an over-limit body after its 413. */
  discard: DiscardLimits;
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
const WIRE_METHOD: Record<HttpMethod, string> = {
  get: "GET",
  post: "POST",
  put: "PUT",
  patch: "PATCH",
  del: "DELETE",
};

/** HTTP on one listening address of a transport: routing, body limits, request ids, metrics and draining. */
export class HttpServer {
  private readonly listener: TransportListener;
  private accepting = true;
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];
  private readonly requests: Counter<string>;
  private readonly latency: Histogram<string>;
  readonly transport: TransportInfo;

  constructor(
    transport: Transport,
    private readonly options: HttpServerOptions,
  ) {
    this.listener = transport.listener();
    this.transport = { name: transport.name, reason: transport.reason };
    options.metrics
      .gauge("venus_http_transport", "The HTTP and WebSocket transport that runs (1)", ["transport"])
      .set({ transport: transport.name }, 1);
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
    const bodyLimit = BODY_METHODS.has(method)
      ? (routeOptions.maxBodyBytes ?? this.options.maxBodyBytes)
      : undefined;
    this.listener.route(WIRE_METHOD[method], pattern, (request) =>
      this.handle(request, pattern, handler, bodyLimit),
    );
  }

  /** Answers every unmatched path (whatever its method and body); call after all routes. */
  notFound(): void {
    const handler: HttpHandler = () => errorReply(404, "not_found", "no such route");
    this.listener.fallback((request) => this.handle(request, "(unmatched)", handler, undefined));
  }

  /** Adds a WebSocket path; `addWebSocketEndpoint` is the way to call it. */
  webSocket<T>(path: string, limits: SocketLimits, callbacks: SocketCallbacks<T>): void {
    this.listener.webSocket(path, limits, callbacks);
  }

  /** The client's address as rate limits and logs see it. */
  clientAddress(peerAddress: string, headers: Map<string, string>): string {
    return clientAddress(peerAddress, headers, this.options.trustedProxies);
  }

  listen(): Promise<number> {
    return this.listener.listen(this.options.host, this.options.port);
  }

  /** Closes the listening socket; requests on open connections get `503 shutting_down`. */
  stopAccepting(): void {
    this.accepting = false;
    this.listener.stopAccepting();
  }

  /** Resolves once no request is in flight. */
  drain(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * The one boundary of every request: whatever the parsing of the request or the handler throws becomes
   * an answer for this request alone, never an exception that reaches the process or the transport.
   * `bodyLimit` is undefined for routes that read no body.
   */
  private handle(
    request: TransportRequest,
    route: string,
    handler: HttpHandler,
    bodyLimit: number | undefined,
  ): void {
    const started = performance.now();
    this.inFlight++;
    let ctx: HttpRequestContext | undefined;
    const finish = () => {
      this.latency.observe({ method: request.method, route }, (performance.now() - started) / 1000);
      if (--this.inFlight === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    };
    new Promise<void>((resolve) => {
      try {
        ctx = requestContext(
          request,
          route,
          this.clientAddress(request.peerAddress, request.headers),
          this.options.log,
        );
      } catch (error) {
        ctx = fallbackContext(request, route, this.options.log);
        const reply =
          error instanceof BadPathParameterError
            ? errorReply(400, error.code, error.message)
            : this.options.onError(error, ctx);
        return resolve(this.send(request, ctx, reply, false));
      }
      resolve(this.run(request, ctx, handler, bodyLimit));
    })
      .catch((error: unknown) => {
        this.options.log.error(
          { err: error, reqId: ctx?.requestId, route },
          "request failed outside its handler",
        );
        try {
          request.destroy();
        } catch {
          // The connection is already gone.
        }
      })
      .finally(finish);
  }

  private async run(
    request: TransportRequest,
    ctx: HttpRequestContext,
    handler: HttpHandler,
    bodyLimit: number | undefined,
  ): Promise<void> {
    if (!this.accepting) {
      const reply = errorReply(503, "shutting_down", "the server is shutting down", {
        retry_after_seconds: 5,
      });
      return this.send(request, ctx, reply, true);
    }
    let reply: HttpReply;
    try {
      if (bodyLimit !== undefined) ctx.body = await request.readBody(bodyLimit);
      reply = await handler(ctx);
    } catch (error) {
      if (error instanceof ClientGoneError) return;
      if (error instanceof BodyTooLargeError) {
        const tooLarge = errorReply(413, "payload_too_large", `request body exceeds ${bodyLimit} bytes`, {
          limit_bytes: bodyLimit,
        });
        return this.send(request, ctx, tooLarge, false, this.options.discard);
      }
      reply = this.options.onError(error, ctx);
    }
    this.send(request, ctx, reply, false);
  }

  private send(
    request: TransportRequest,
    ctx: HttpRequestContext,
    reply: HttpReply,
    close: boolean,
    discard?: DiscardLimits,
  ): void {
    this.requests.inc({ method: ctx.method, route: ctx.route, status: String(reply.status) });
    const entry = { reqId: ctx.requestId, method: ctx.method, url: ctx.url, status: reply.status };
    if (reply.status >= 500) ctx.log.error(entry, "request failed");
    else ctx.log.debug(entry, "request");
    // A HEAD answer has headers only: a body would be read as the start of the next response.
    const sent = ctx.method === "HEAD" ? { ...reply, body: undefined } : reply;
    request.send(encodeReply(sent, ctx.requestId), close, discard);
  }
}
