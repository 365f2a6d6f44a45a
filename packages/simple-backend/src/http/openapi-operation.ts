import type { SchemaComponents } from "./openapi-components.js";
import type { OpenApiRoute } from "./openapi.js";

const PARAMETER = /:(\w+)/g;

const pascal = (words: string): string =>
  words
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== "")
    .map((word) => word[0]?.toUpperCase() + word.slice(1))
    .join("");

/** A stable id from method and path: `GET /profile/:account_id` is `getProfileByAccountId`. */
export function operationId(route: Pick<OpenApiRoute, "method" | "path">): string {
  const segments = route.path.split("/").map((segment) => {
    const parameter = /^:(\w+)$/.exec(segment);
    return parameter ? `By${pascal(parameter[1] as string)}` : pascal(segment);
  });
  return route.method + segments.join("");
}

/** Path parameters (strings, required) and the optional query parameters of a route. */
export function parametersOf(route: OpenApiRoute, components: SchemaComponents): object[] {
  const parameters: object[] = [...route.path.matchAll(PARAMETER)].map((m) => ({
    name: m[1],
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
  for (const [name, { description, schema }] of Object.entries(route.query ?? {})) {
    parameters.push({ name, in: "query", required: false, description, schema: components.ref(schema) });
  }
  return parameters;
}
