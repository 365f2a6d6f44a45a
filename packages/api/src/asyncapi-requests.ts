import type { ErrorCode } from "@venus/model";
import { errorBodySchema, type SchemaComponents } from "@venus/simple-backend";
import type { WsMessage } from "./asyncapi-messages.js";
import { ERROR_CATALOG } from "./openapi-document.js";
import { WS_ROUTES } from "./ws/websocket-requests.js";

/** Errors that cannot reach a WebSocket request: the connection is signed in, its frames already parsed. */
const HTTP_ONLY = new Set<ErrorCode>([
  "invalid_path",
  "invalid_json",
  "payload_too_large",
  "invalid_token",
  "websocket_required",
  "shutting_down",
]);

export const FrameId = { anyOf: [{ type: "string", maxLength: 64 }, { type: "integer" }] };

export const object = (properties: Record<string, object>, required: string[]) => ({
  type: "object",
  properties,
  required,
  additionalProperties: false,
});

/** A WebSocket request method: its request frame, and its response with the statuses and bodies HTTP gives. */
export function requestMessages(method: string, components: SchemaComponents): WsMessage[] {
  const { doc } = WS_ROUTES[method as keyof typeof WS_ROUTES];
  const codes = [...(doc.errors ?? []).filter((code) => !HTTP_ONLY.has(code as ErrorCode))];
  const successes = Object.entries(doc.responses);
  const bodies = successes.map(([, r]) => (r.schema ? components.ref(r.schema) : { type: "null" }));
  const statuses = [
    ...new Set([...successes.map(([s]) => Number(s)), ...codes.map((c) => ERROR_CATALOG[c]!.status)]),
  ];
  return [
    {
      name: `request.${method}`,
      summary: `${doc.summary} (as ${doc.method.toUpperCase()} ${doc.path} over HTTP)`,
      action: "receive",
      reply: `response.${method}`,
      payload: object(
        {
          type: { const: "request" },
          id: FrameId,
          method: { const: method },
          ...(doc.body ? { body: components.ref(doc.body) } : {}),
        },
        doc.body ? ["type", "id", "method", "body"] : ["type", "id", "method"],
      ),
    },
    {
      name: `response.${method}`,
      summary: `The answer to ${method}: the status and body HTTP would give`,
      action: "send",
      payload: object(
        {
          type: { const: "response" },
          id: FrameId,
          status: { type: "integer", enum: statuses.sort((a, b) => a - b) },
          body: { anyOf: [...bodies, errorBodySchema(codes, ERROR_CATALOG, components)] },
        },
        ["type", "id", "status", "body"],
      ),
    },
  ];
}
