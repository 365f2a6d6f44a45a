import type { Session } from "@venus/web-shared";

/** A flag's JSON Schema as the served OpenAPI document gives it (components.schemas.RuntimeFlags). */
export interface FlagSchema {
  type: "boolean" | "integer" | "number" | "string";
  description?: string;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  maxLength?: number;
}

interface OpenApiDocument {
  components: { schemas: Record<string, { properties?: Record<string, FlagSchema> }> };
}

/**
 * The type and bounds of every runtime flag, read from the server's own `/openapi.json`: the browser
 * does not load model's schemas, and the document is generated from them, so the form follows the
 * server without a copy here.
 */
export async function flagSchemas(session: Session): Promise<Record<string, FlagSchema>> {
  const document = await session.api.get<OpenApiDocument>("/openapi.json");
  return document.components.schemas.RuntimeFlags?.properties ?? {};
}

/** The text of a flag's type and range, e.g. `integer 0–10000`. */
export function describeType(schema: FlagSchema): string {
  const range =
    schema.minimum !== undefined || schema.maximum !== undefined
      ? ` ${schema.minimum ?? "…"}–${schema.maximum ?? "…"}`
      : "";
  // A long pattern (a semantic version's) says little to a person; the field checks it anyway.
  const pattern = schema.pattern
    ? schema.pattern.length > 24
      ? " (format checked)"
      : ` matching ${schema.pattern}`
    : "";
  return `${schema.type}${range}${pattern}`;
}

/** The value typed into a flag's field, as its type; throws with a message when it does not fit. */
export function parseFlag(schema: FlagSchema, text: string | boolean): unknown {
  if (schema.type === "boolean") return text === true;
  if (schema.type === "string") {
    if (schema.pattern && !new RegExp(schema.pattern, "u").test(String(text)))
      throw new Error("has the wrong format");
    return text;
  }
  const value = Number(text);
  if (String(text).trim() === "" || !Number.isFinite(value)) throw new Error("must be a number");
  if (schema.type === "integer" && !Number.isInteger(value)) throw new Error("must be a whole number");
  if (schema.minimum !== undefined && value < schema.minimum)
    throw new Error(`must be at least ${schema.minimum}`);
  if (schema.maximum !== undefined && value > schema.maximum)
    throw new Error(`must be at most ${schema.maximum}`);
  return value;
}
