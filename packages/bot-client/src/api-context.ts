import type { WsRequestMethod } from "@venus/model";
import type { EventQueue } from "./event-queue.js";
import type { HttpApi } from "./http-api.js";
import type { VenusSocket } from "./venus-socket.js";
import type { WsRequestMap } from "./wire-types.js";

/** How a call that exists both as an HTTP route and as a WebSocket request travels. */
export type Via = "http" | "ws";

export interface ViaOption {
  /** Default: the client's `via` option (itself "http" unless set). */
  via?: Via;
}

/** What the per-component method groups call through. */
export interface ApiContext {
  http: HttpApi;
  /** The connected socket; throws when there is none. */
  socket(): VenusSocket;
  /** Where pushed events are queued. */
  events: EventQueue;
  /** The default transport of calls that have both. */
  via: Via;
}

/** Calls `method` over the socket or `POST route` over HTTP, as chosen: the same body and answer. */
export function viaEither<M extends WsRequestMethod>(
  ctx: ApiContext,
  options: ViaOption,
  method: M,
  route: string,
  body: WsRequestMap[M]["request"],
): Promise<WsRequestMap[M]["response"]> {
  return (options.via ?? ctx.via) === "ws"
    ? ctx.socket().request(method, body)
    : ctx.http.post<WsRequestMap[M]["response"]>(route, body);
}
