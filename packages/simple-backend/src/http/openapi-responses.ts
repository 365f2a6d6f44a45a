import type { SchemaComponents } from "./openapi-components.js";
import { errorResponses, type ErrorCatalog } from "./openapi-errors.js";
import type { OpenApiRoute } from "./openapi.js";

export const binary = { type: "string", format: "binary" };

type Responses = Record<string, { description: string; content?: Record<string, object> }>;

/** A route's answers: its own, then one per error status (merged into an own answer of that status). */
export function responsesOf(
  route: OpenApiRoute,
  errors: ErrorCatalog,
  components: SchemaComponents,
): Responses {
  const responses: Responses = {};
  for (const [status, response] of Object.entries(route.responses)) {
    if (Number(status) >= 400 && response.schema)
      throw new Error(`${route.method} ${route.path}: declare error ${status} by its codes in errors`);
    const type = route.rawResponse?.status === Number(status) ? route.rawResponse.contentType : undefined;
    const content = type
      ? { [type]: { schema: binary } }
      : response.contentType
        ? { [response.contentType]: { schema: { type: "string" } } }
        : response.schema
          ? { "application/json": { schema: components.ref(response.schema) } }
          : undefined;
    responses[status] = { description: response.description, ...(content ? { content } : {}) };
  }
  for (const [status, error] of errorResponses(route.errors ?? [], errors, components)) {
    const declared = responses[status];
    responses[status] = {
      description: declared ? `${declared.description}\n\n${error.description}` : error.description,
      content: { ...declared?.content, "application/json": { schema: error.schema } },
    };
  }
  if (route.otherwise) responses["default"] = { description: route.otherwise.description };
  return responses;
}
