import { Type, type Static } from "@sinclair/typebox";

/**
 * Frames of the manager's WebSocket (`/manager/ws`, msgpack only): the server's link to its manager,
 * clients of the manager API, and manager-to-manager links all speak it.
 */

export const MANAGER_SOCKET_ROLES = ["client", "server", "link"] as const;

/** First frame from whoever connects; `name` is the dialling manager's name at the peer (role `link`). */
export const ManagerHelloFrame = Type.Object(
  {
    type: Type.Literal("hello"),
    key: Type.String({ maxLength: 1024 }),
    role: Type.Union(MANAGER_SOCKET_ROLES.map((role) => Type.Literal(role))),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: "^[A-Za-z0-9._-]+$" })),
  },
  { additionalProperties: false },
);
export type ManagerHelloFrame = Static<typeof ManagerHelloFrame>;

export const ManagerWelcomeFrame = Type.Object({
  type: Type.Literal("welcome"),
  version: Type.String(),
});
export type ManagerWelcomeFrame = Static<typeof ManagerWelcomeFrame>;

/**
 * A request, either way: `key` is the receiver's API key when a peer sends a request to the manager
 * that dialled it (the dialler checks it like any other request).
 */
export const ManagerRequestFrame = Type.Object(
  {
    type: Type.Literal("request"),
    id: Type.Integer({ minimum: 0 }),
    method: Type.Union([
      Type.Literal("GET"),
      Type.Literal("POST"),
      Type.Literal("PUT"),
      Type.Literal("DELETE"),
    ]),
    /** Path and query, e.g. `/manager/logs?lines=10`. */
    path: Type.String({ minLength: 1, maxLength: 4096, pattern: "^/" }),
    body: Type.Optional(Type.Unknown()),
    key: Type.Optional(Type.String({ maxLength: 1024 })),
  },
  { additionalProperties: false },
);
export type ManagerRequestFrame = Static<typeof ManagerRequestFrame>;

export const ManagerResponseFrame = Type.Object(
  {
    type: Type.Literal("response"),
    id: Type.Integer({ minimum: 0 }),
    status: Type.Integer({ minimum: 100, maximum: 599 }),
    body: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: false },
);
export type ManagerResponseFrame = Static<typeof ManagerResponseFrame>;

/** Pushed by the manager to its server (role `server`), e.g. `maintenance`. */
export const ManagerEventFrame = Type.Object({
  type: Type.Literal("event"),
  name: Type.String(),
  data: Type.Unknown(),
});
export type ManagerEventFrame = Static<typeof ManagerEventFrame>;

export const ManagerPingFrame = Type.Object({ type: Type.Literal("ping") }, { additionalProperties: false });
export const ManagerPongFrame = Type.Object({ type: Type.Literal("pong") }, { additionalProperties: false });

/** Sent before the manager closes a socket it refuses (wrong key, bad frame). */
export const ManagerErrorFrame = Type.Object({
  type: Type.Literal("error"),
  code: Type.String(),
  message: Type.String(),
});
export type ManagerErrorFrame = Static<typeof ManagerErrorFrame>;

/** Any frame after the hello, in either direction. */
export const ManagerFrame = Type.Union([
  ManagerRequestFrame,
  ManagerResponseFrame,
  ManagerEventFrame,
  ManagerPingFrame,
  ManagerPongFrame,
  ManagerWelcomeFrame,
  ManagerErrorFrame,
]);
export type ManagerFrame = Static<typeof ManagerFrame>;

/** WebSocket close codes the manager uses. */
export const MANAGER_CLOSE_CODES = {
  invalidApiKey: 4001,
  protocolError: 4002,
  helloTimeout: 4003,
  replaced: 4004,
  shuttingDown: 1001,
} as const;
