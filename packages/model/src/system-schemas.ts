import { Type, type Static } from "@sinclair/typebox";

/** `GET /health`. */
export const HealthResponse = Type.Object({
  status: Type.Literal("ok"),
  version: Type.String(),
  uptime_seconds: Type.Number(),
  websocket_connections: Type.Integer(),
});
export type HealthResponse = Static<typeof HealthResponse>;
