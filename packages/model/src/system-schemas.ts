import { Type, type Static } from "@sinclair/typebox";

/** `GET /health`. */
export const HealthResponse = Type.Object({
  status: Type.Literal("ok"),
  version: Type.String(),
  uptime_seconds: Type.Number(),
  websocket_connections: Type.Integer(),
  transport: Type.Object(
    {
      name: Type.Union([Type.Literal("uws"), Type.Literal("node")]),
      reason: Type.String(),
    },
    { description: "The HTTP and WebSocket transport that runs (http.transport) and why it was chosen" },
  ),
});
export type HealthResponse = Static<typeof HealthResponse>;
