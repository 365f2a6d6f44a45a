import type { TSchema } from "@sinclair/typebox";

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
  responses: Record<number, { description: string; schema?: TSchema }>;
}

export interface OpenApiInfo {
  title: string;
  version: string;
  description: string;
}

/** An OpenAPI 3.1 document whose schemas are the very schemas requests are validated with. */
export function buildOpenApi(info: OpenApiInfo, routes: OpenApiRoute[]): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, "{$1}");
    const parameters: object[] = [...route.path.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => ({
      name: m[1],
      in: "path",
      required: true,
      schema: { type: "string" },
    }));
    for (const [name, { description, schema }] of Object.entries(route.query ?? {})) {
      parameters.push({ name, in: "query", required: false, description, schema });
    }
    const responses: Record<string, object> = {};
    for (const [status, response] of Object.entries(route.responses)) {
      responses[status] =
        route.rawResponse?.status === Number(status)
          ? {
              description: response.description,
              content: { [route.rawResponse.contentType]: { schema: { type: "string", format: "binary" } } },
            }
          : response.schema
            ? {
                description: response.description,
                content: { "application/json": { schema: response.schema } },
              }
            : { description: response.description };
    }
    (paths[path] ??= {})[route.method] = {
      summary: route.summary,
      tags: [route.tag],
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(route.auth ? { security: [{ bearer: [] }] } : {}),
      ...(route.permission ? { "x-required-permission": route.permission } : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: route.body } },
            },
          }
        : {}),
      ...(route.rawBody
        ? {
            requestBody: {
              required: true,
              description: route.rawBody.description,
              content: Object.fromEntries(
                route.rawBody.contentTypes.map((type) => [
                  type,
                  { schema: { type: "string", format: "binary" } },
                ]),
              ),
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info,
    paths,
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
    },
  };
}
