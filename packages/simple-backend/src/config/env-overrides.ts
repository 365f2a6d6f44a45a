import { parse as parseToml } from "smol-toml";
import type { TSchema } from "@sinclair/typebox";
import type { SchemaIssue } from "../validation/schema-validator.js";

function childSchema(schema: TSchema | undefined, key: string): TSchema | undefined {
  const properties = (schema as { properties?: Record<string, TSchema> } | undefined)?.properties;
  return properties?.[key];
}

/** A string, or a choice among strings (a union of string literals such as `log.level`). */
function takesString(schema: TSchema): boolean {
  const node = schema as { type?: string; anyOf?: TSchema[] };
  if (node.type === "string") return true;
  return node.anyOf !== undefined && node.anyOf.every(takesString);
}

function parseValue(raw: string, schema: TSchema): unknown {
  if (takesString(schema)) return raw;
  return (parseToml(`value = ${raw}`) as { value: unknown }).value;
}

/**
 * Applies `PREFIX_SECTION__KEY=value` variables onto a raw config object. Values are read as TOML
 * values (numbers, booleans, arrays) unless the key takes a string.
 */
export function applyEnvOverrides(
  target: Record<string, unknown>,
  schema: TSchema,
  env: NodeJS.ProcessEnv,
  prefix: string,
): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  for (const [name, raw] of Object.entries(env)) {
    if (!name.startsWith(prefix) || raw === undefined) continue;
    const path = name.slice(prefix.length).toLowerCase().split("__");
    let node: TSchema | undefined = schema;
    for (const key of path) node = childSchema(node, key);
    if (!node || (node as { type?: string }).type === "object") {
      issues.push({
        path: path.join("."),
        message: `unknown key (from environment variable ${name})`,
      });
      continue;
    }
    let value: unknown;
    try {
      value = parseValue(raw, node);
    } catch {
      issues.push({
        path: path.join("."),
        message: `${name} is not a valid value: ${JSON.stringify(raw)}`,
      });
      continue;
    }
    let cursor = target;
    for (const key of path.slice(0, -1)) {
      const next = cursor[key];
      cursor = (typeof next === "object" && next !== null ? next : (cursor[key] = {})) as Record<
        string,
        unknown
      >;
    }
    cursor[path[path.length - 1] as string] = value;
  }
  return issues;
}
