import type { TSchema } from "@sinclair/typebox";
import {
  DisconnectFrame,
  ErrorFrame,
  EVENT_DATA,
  HelloFrame,
  PingFrame,
  PongFrame,
  SYNC_EVENTS,
  WelcomeFrame,
  type EventName,
} from "@venus/model";
import { errorBodySchema, type SchemaComponents } from "@venus/simple-backend";
import { FrameId, object, requestMessages } from "./asyncapi-requests.js";
import { ERROR_CATALOG } from "./openapi-document.js";
import { WS_ROUTES } from "./ws/websocket-requests.js";

export interface WsMessage {
  name: string;
  summary: string;
  payload: object;
  /** `receive`: the client sends it; `send`: the server does. */
  action: "send" | "receive";
  /** For a request: the name of its response message. */
  reply?: string;
}

function eventMessage(name: EventName, components: SchemaComponents): WsMessage {
  const data: TSchema | null = EVENT_DATA[name];
  const sync = (SYNC_EVENTS as readonly EventName[]).includes(name);
  const withData = data !== null && !sync;
  return {
    name: `event.${name}`,
    summary: `The ${name} event${sync ? " (without data in the sync after welcome)" : ""}`,
    action: "send",
    payload: object(
      {
        type: { const: "event" },
        event: { const: name },
        ...(data ? { data: components.ref(data) } : {}),
      },
      withData ? ["type", "event", "data"] : ["type", "event"],
    ),
  };
}

/** Every frame of `/ws`: the sign-in, requests and their responses, events, errors and the goodbye. */
export function wsMessages(components: SchemaComponents): WsMessage[] {
  const frame = (name: string, summary: string, action: WsMessage["action"], schema: TSchema): WsMessage => ({
    name,
    summary,
    action,
    payload: components.ref(schema),
  });
  return [
    frame(
      "hello",
      "The first frame: sign-in, protocol and the versions of what the client has cached",
      "receive",
      HelloFrame,
    ),
    frame("welcome", "The answer to a good hello; events follow", "send", WelcomeFrame),
    frame("ping", "Keep-alive", "receive", PingFrame),
    frame("pong", "The answer to ping", "send", PongFrame),
    frame("error", "A fatal protocol error; the server closes the connection next", "send", ErrorFrame),
    frame("disconnect", "Why the server is about to close an accepted connection", "send", DisconnectFrame),
    ...Object.keys(WS_ROUTES).flatMap((method) => requestMessages(method, components)),
    {
      name: "response.unknown_method",
      summary: "The answer to a request whose method does not exist",
      action: "send",
      payload: object(
        {
          type: { const: "response" },
          id: FrameId,
          status: { const: 404 },
          body: errorBodySchema(["not_found"], ERROR_CATALOG, components),
        },
        ["type", "id", "status", "body"],
      ),
    },
    ...(Object.keys(EVENT_DATA) as EventName[]).map((name) => eventMessage(name, components)),
  ];
}
