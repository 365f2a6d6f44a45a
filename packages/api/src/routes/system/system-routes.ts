import { Type } from "@sinclair/typebox";
import { HealthResponse } from "@venus/model";
import { json, publicRoute } from "../../route.js";

/** A JSON document described by its own specification (OpenAPI, AsyncAPI). */
const JsonDocument = Type.Record(Type.String(), Type.Unknown());

export const healthRoute = publicRoute(
  {
    method: "get",
    path: "/health",
    summary: "Liveness: 200 while the server accepts requests",
    tag: "system",
    responses: { 200: { description: "Healthy", schema: HealthResponse } },
  },
  ({ deps }) =>
    json(200, {
      status: "ok",
      version: deps.version,
      uptime_seconds: Math.round((Date.now() - deps.startedAt) / 1000),
      websocket_connections: deps.account.connections.size,
      transport: deps.transport,
    }),
);

export const metricsRoute = publicRoute(
  {
    method: "get",
    path: "/metrics",
    summary: "Prometheus metrics (text format)",
    tag: "system",
    responses: { 200: { description: "Metrics", contentType: "text/plain" } },
  },
  async ({ deps }) => ({
    status: 200,
    body: await deps.metrics.render(),
    contentType: deps.metrics.contentType,
  }),
);

export const openApiRoute = publicRoute(
  {
    method: "get",
    path: "/openapi.json",
    summary: "This document",
    tag: "system",
    responses: { 200: { description: "OpenAPI 3.1 document", schema: JsonDocument } },
  },
  ({ deps }) => json(200, deps.openApi()),
);

export const asyncApiRoute = publicRoute(
  {
    method: "get",
    path: "/asyncapi.json",
    summary: "The AsyncAPI 3 document of the WebSocket /ws",
    tag: "system",
    responses: { 200: { description: "AsyncAPI 3 document", schema: JsonDocument } },
  },
  ({ deps }) => json(200, deps.asyncApi()),
);
