import type { TSchema } from "@sinclair/typebox";
import type { SchemaComponents } from "./openapi-components.js";

/** Every error code: its HTTP status, what it means, and the schema of its `details` if it has any. */
export type ErrorCatalog = Readonly<Record<string, { status: number; message: string; details?: TSchema }>>;

/** The body of an error with one of `codes`: `{"error":{"code","message","details"}}`. */
export function errorBodySchema(
  codes: readonly string[],
  catalog: ErrorCatalog,
  components: SchemaComponents,
) {
  const details = [...new Set(codes.map((code) => catalog[code]?.details).filter((d) => d !== undefined))];
  const detailsSchema =
    details.length === 1
      ? components.ref(details[0] as TSchema)
      : { anyOf: details.map((schema) => components.ref(schema)) };
  return {
    type: "object",
    required: ["error"],
    additionalProperties: false,
    properties: {
      error: {
        type: "object",
        required: ["code", "message"],
        additionalProperties: false,
        properties: {
          code: { type: "string", enum: [...codes] },
          message: { type: "string" },
          ...(details.length > 0
            ? { details: { ...detailsSchema, description: "Present for the codes that have details." } }
            : {}),
        },
      },
    },
  };
}

/** One response per status the codes answer with, listing each code and what it means. */
export function errorResponses(
  codes: readonly string[],
  catalog: ErrorCatalog,
  components: SchemaComponents,
): Map<number, { description: string; schema: object }> {
  const byStatus = new Map<number, string[]>();
  for (const code of new Set(codes)) {
    const entry = catalog[code];
    if (!entry) throw new Error(`unknown error code ${code}`);
    byStatus.set(entry.status, [...(byStatus.get(entry.status) ?? []), code]);
  }
  const responses = new Map<number, { description: string; schema: object }>();
  for (const [status, statusCodes] of [...byStatus.entries()].sort(([a], [b]) => a - b)) {
    responses.set(status, {
      description: statusCodes.map((code) => `- \`${code}\`: ${catalog[code]?.message}`).join("\n"),
      schema: errorBodySchema(statusCodes, catalog, components),
    });
  }
  return responses;
}
