import type { TSchema } from "@sinclair/typebox";
import { SchemaComponents } from "./openapi-components.js";
import type { ErrorCatalog } from "./openapi-errors.js";
import { operationId, parametersOf } from "./openapi-operation.js";
import { binary, responsesOf } from "./openapi-responses.js";

export interface OpenApiResponse {
  description: string;
  schema?: TSchema;
  /** A non-JSON body, e.g. `text/html`: sent as a string. */
  contentType?: string;
}

export interface OpenApiRoute {
  method: "get" | "post" | "put" | "patch" | "delete";
  /** uWebSockets.js pattern; `:name` parameters become `{name}`. */
  path: string;
  summary: string;
  tag: string;
  /** Requires `Authorization: Bearer`. */
  auth: boolean;
  /** The admin permission it needs, shown as `x-required-permission`. */
  permission?: string;
  body?: TSchema;
  /** A non-JSON request body, e.g. an image: its media types. */
  rawBody?: { contentTypes: readonly string[]; description: string };
  /** A non-JSON success body, e.g. `image/jpeg`: status and media type. */
  rawResponse?: { status: number; contentType: string };
  /** Query parameters, all optional. */
  query?: Record<string, { description: string; schema: TSchema }>;
  /** Answers other than errors. */
  responses: Record<number, OpenApiResponse>;
  /** Any other status, e.g. a forwarded answer: OpenAPI's `default` response. */
  otherwise?: OpenApiResponse;
  /** Every error code it can answer: each becomes part of its status's response. */
  errors?: readonly string[];
}

export interface OpenApiOptions {
  info: {
    title: string;
    version: string;
    description: string;
    license: { name: string; identifier: string };
  };
  servers: { url: string; description: string }[];
  tags: Record<string, string>;
  /** Schemas that become named components (`$ref`), by identity. */
  schemaNames: ReadonlyMap<object, string>;
  errors: ErrorCatalog;
}

/** An OpenAPI 3.1 document whose schemas are the very schemas requests are validated with. */
export function buildOpenApi(options: OpenApiOptions, routes: OpenApiRoute[]): object {
  const components = new SchemaComponents(options.schemaNames);
  const paths: Record<string, Record<string, object>> = {};
  for (const route of routes) {
    const responses = responsesOf(route, options.errors, components);
    const parameters = parametersOf(route, components);
    (paths[route.path.replace(/:(\w+)/g, "{$1}")] ??= {})[route.method] = {
      operationId: operationId(route),
      summary: route.summary,
      tags: [route.tag],
      ...(parameters.length > 0 ? { parameters } : {}),
      security: route.auth ? [{ bearer: [] }] : [],
      ...(route.permission ? { "x-required-permission": route.permission } : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: components.ref(route.body) } },
            },
          }
        : {}),
      ...(route.rawBody
        ? {
            requestBody: {
              required: true,
              description: route.rawBody.description,
              content: Object.fromEntries(
                route.rawBody.contentTypes.map((type) => [type, { schema: binary }]),
              ),
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: options.info,
    servers: options.servers,
    tags: Object.entries(options.tags).map(([name, description]) => ({ name, description })),
    paths,
    components: {
      schemas: components.schemas(),
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
    },
  };
}
