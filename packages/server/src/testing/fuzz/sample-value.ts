import type { SchemaNode } from "./openapi-operations.js";

const FORMATS: Record<string, () => string> = {
  email: () => "fuzz-sample@example.com",
  date: () => "1990-05-17",
  "date-time": () => new Date().toISOString(),
  uri: () => "https://example.com/",
};

/**
 * A value the schema accepts, as far as a simple reading of it goes: the start a mutation breaks.
 * `uuid` fills every UUID, so samples name a real account.
 */
export function sampleValue(schema: SchemaNode | undefined, uuid: string, depth = 0): unknown {
  if (!schema || depth > 8) return null;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const choice = schema.anyOf ?? schema.oneOf;
  if (choice) return sampleValue(choice[0], uuid, depth + 1);
  switch (schema.type) {
    case "object": {
      const value: Record<string, unknown> = {};
      for (const [key, property] of Object.entries(schema.properties ?? {}))
        value[key] = sampleValue(property, uuid, depth + 1);
      return value;
    }
    case "array":
      return Array.from({ length: schema.minItems ?? 1 }, () => sampleValue(schema.items, uuid, depth + 1));
    case "string": {
      if (schema.format === "uuid") return uuid;
      const format = schema.format && FORMATS[schema.format];
      if (format) return format();
      return "a".repeat(Math.max(schema.minLength ?? 1, 1));
    }
    case "integer":
    case "number":
      return schema.minimum ?? 1;
    case "boolean":
      return true;
    case "null":
      return null;
    default:
      return "x";
  }
}
