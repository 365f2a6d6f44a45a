import { randomUUID } from "node:crypto";
import type { Authenticated } from "@venus/data-account";
import type { RequestFrame, ResponseFrame, WsRequestMethod } from "@venus/model";
import { errorReply, type Connection, type HttpReply, type HttpRequestContext } from "@venus/simple-backend";
import type { ApiDeps } from "../api-deps.js";
import { errorToReply } from "../error-reply.js";
import type { ApiRoute, RouteInvoker } from "../route.js";
import { browseNextRoute, browseResetRoute } from "../routes/profile/browse-routes.js";
import { ackMessagesRoute, ackSentRoute, sendMessageRoute } from "../routes/chat/message-routes.js";
import { setPushTargetRoute } from "../routes/push/push-target-routes.js";
import { ackSeenRoute, seenRoute, typingRoute } from "../routes/chat/receipt-routes.js";

/** Routes a client may also call as WebSocket requests: the same handler, the connection's sign-in. */
export const WS_ROUTES: Record<WsRequestMethod, ApiRoute & { invoke: RouteInvoker }> = {
  "profile.page.reset": browseResetRoute,
  "profile.page.next": browseNextRoute,
  "chat.send": sendMessageRoute,
  "chat.ack": ackMessagesRoute,
  "chat.sent.ack": ackSentRoute,
  "chat.seen": seenRoute,
  "chat.seen.ack": ackSeenRoute,
  "chat.typing": typingRoute,
  "account.push_target.set": setPushTargetRoute,
};

/** What a request needs of its connection. */
type RequestConnection = Pick<Connection<unknown>, "send" | "remoteAddress">;

/** What a WebSocket request has none of, shared by all (nothing writes to a request's context). */
const NO_QUERY = new URLSearchParams();
const NO_PARAMS: string[] = [];
const NO_HEADERS = new Map<string, string>();
const NO_BODY = Buffer.alloc(0);

function requestContext(deps: ApiDeps, connection: RequestConnection, method: string): HttpRequestContext {
  return {
    method: "WS",
    route: method,
    url: "/ws",
    query: NO_QUERY,
    params: NO_PARAMS,
    headers: NO_HEADERS,
    body: NO_BODY,
    remoteAddress: connection.remoteAddress,
    requestId: randomUUID(),
    log: deps.log,
  };
}

/** Answers a `request` frame with a `response` frame carrying the status and body HTTP would give. */
export async function answerRequest(
  deps: ApiDeps,
  connection: RequestConnection,
  auth: Authenticated,
  frame: RequestFrame,
): Promise<void> {
  const route = Object.hasOwn(WS_ROUTES, frame.method)
    ? WS_ROUTES[frame.method as WsRequestMethod]
    : undefined;
  const http = requestContext(deps, connection, frame.method);
  let reply: HttpReply;
  try {
    reply = route
      ? await route.invoke(deps, auth, frame.body, http)
      : errorReply(404, "not_found", `no request method ${frame.method}`);
  } catch (error) {
    reply = errorToReply(error, http, deps.metrics);
  }
  const response: ResponseFrame = {
    type: "response",
    id: frame.id,
    status: reply.status,
    body: reply.body ?? null,
  };
  connection.send(response);
}
