import { Type, type Static } from "@sinclair/typebox";
import { AccountId } from "../ids.js";

export const PROTOCOL_VERSION = 1;
export const CLIENT_KINDS = ["web", "android", "ios", "bot"] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];

/** Data types a client caches; their versions travel in `hello.sync`. */
export const SYNC_TYPES = [
  "account_state",
  "profile",
  "media_content",
  "matches",
  "received_likes",
  "news",
  "automatic_search",
] as const;
export type SyncType = (typeof SYNC_TYPES)[number];

export const HelloFrame = Type.Object(
  {
    type: Type.Literal("hello"),
    access_token: Type.String({ minLength: 1, maxLength: 128 }),
    protocol: Type.Integer(),
    client: Type.Object(
      {
        kind: Type.Union(CLIENT_KINDS.map((k) => Type.Literal(k))),
        version: Type.String({ maxLength: 32 }),
      },
      { additionalProperties: false },
    ),
    sync: Type.Optional(Type.Record(Type.String({ maxLength: 64 }), Type.Integer({ minimum: 0 }))),
  },
  { additionalProperties: false },
);
export type HelloFrame = Static<typeof HelloFrame>;

export const PingFrame = Type.Object(
  {
    type: Type.Literal("ping"),
    id: Type.Union([Type.String({ maxLength: 64 }), Type.Integer()]),
  },
  { additionalProperties: false },
);
export type PingFrame = Static<typeof PingFrame>;

/** Requests over the WebSocket, answered by a `response` frame with the same id. */
export const WS_REQUEST_METHODS = [
  "profile.page.reset",
  "profile.page.next",
  "chat.send",
  "chat.ack",
  "chat.sent.ack",
  "chat.seen",
  "chat.seen.ack",
  "chat.typing",
  "account.push_target.set",
] as const;
export type WsRequestMethod = (typeof WS_REQUEST_METHODS)[number];

export const RequestFrame = Type.Object(
  {
    type: Type.Literal("request"),
    id: Type.Union([Type.String({ maxLength: 64 }), Type.Integer()]),
    method: Type.String({ maxLength: 64 }),
    body: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: false },
);
export type RequestFrame = Static<typeof RequestFrame>;

/** The answer to a request: the HTTP status and body the same call over HTTP would give. */
export const ResponseFrame = Type.Object({
  type: Type.Literal("response"),
  id: Type.Union([Type.String(), Type.Integer()]),
  status: Type.Integer(),
  body: Type.Unknown(),
});
export type ResponseFrame = Static<typeof ResponseFrame>;

/** Frames a client may send after `welcome`. */
export const ClientFrame = Type.Union([PingFrame, RequestFrame]);
export type ClientFrame = Static<typeof ClientFrame>;

export const WelcomeFrame = Type.Object({
  type: Type.Literal("welcome"),
  account_id: AccountId,
  protocol: Type.Integer(),
  /** Present when the access token was rotated: use it for HTTP from now on. */
  access_token: Type.Optional(Type.String()),
  server_time: Type.Integer({ description: "Unix milliseconds." }),
  /** Present when the client's version is below the recommended one for its kind. */
  update_available: Type.Optional(
    Type.Object({
      recommended_version: Type.String({ description: "The version this kind of client should update to." }),
    }),
  ),
});
export type WelcomeFrame = Static<typeof WelcomeFrame>;

export const WS_ERROR_CODES = [
  "invalid_frame",
  "hello_required",
  "hello_timeout",
  "unsupported_protocol",
  "invalid_token",
  "token_expired",
  "rate_limited",
  "internal_error",
  /** hello.client.version is not a semantic version (e.g. 1.4.0). */
  "invalid_client_version",
  /** hello.client.version is below the minimum for its kind: details.min_version. */
  "client_update_required",
] as const;
export type WsErrorCode = (typeof WS_ERROR_CODES)[number];

export const ErrorFrame = Type.Object({
  type: Type.Literal("error"),
  code: Type.Union(WS_ERROR_CODES.map((c) => Type.Literal(c))),
  message: Type.String(),
  details: Type.Optional(
    Type.Object(
      { min_version: Type.String({ description: "The oldest client version the server accepts." }) },
      { description: "With client_update_required." },
    ),
  ),
});
export type ErrorFrame = Static<typeof ErrorFrame>;

export const DISCONNECT_REASONS = [
  "replaced",
  "logged_out",
  "session_ended",
  "tokens_refreshed",
  "shutting_down",
  "logged_out_by_admin",
  "account_locked",
  "account_deleted",
  /** Signed out from another of the account's devices (`DELETE /account/devices/{id}`). */
  "device_signed_out",
  /** The password changed and the other devices were signed out with it. */
  "password_changed",
] as const;
export type DisconnectReason = (typeof DISCONNECT_REASONS)[number];

/** Sent just before the server closes a connection it had accepted. */
export const DisconnectFrame = Type.Object({
  type: Type.Literal("disconnect"),
  reason: Type.Union(DISCONNECT_REASONS.map((r) => Type.Literal(r))),
});
export type DisconnectFrame = Static<typeof DisconnectFrame>;

export const PongFrame = Type.Object({
  type: Type.Literal("pong"),
  id: Type.Union([Type.String(), Type.Integer()]),
});

export const EVENT_NAMES = [
  "account_state_changed",
  "profile_changed",
  "media_content_changed",
  "content_processing_state",
  "matches_changed",
  "received_likes_changed",
  "like_received",
  "match",
  "new_message",
  "delivered",
  "seen",
  "typing",
  "moderation_queue_changed",
  "maintenance",
  "data_export_ready",
  "client_config_changed",
  "sign_in_methods_changed",
  "news_changed",
  "automatic_search_changed",
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

export const EventFrame = Type.Object({
  type: Type.Literal("event"),
  event: Type.Union(EVENT_NAMES.map((e) => Type.Literal(e))),
  data: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});
export type EventFrame = Static<typeof EventFrame>;

/** WebSocket close codes the server uses (4000–4999 are application codes). */
export const CLOSE_CODES = {
  protocolError: 4000,
  authFailed: 4001,
  helloTimeout: 4002,
  replaced: 4003,
  loggedOut: 4004,
  clientUpdateRequired: 4005,
  rateLimited: 4029,
  /** The server failed while opening the session (RFC 6455 "internal error"): reconnect later. */
  internalError: 1011,
  shuttingDown: 1001,
} as const;
