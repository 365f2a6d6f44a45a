import { fileURLToPath } from "node:url";
import { AttributeDefinitions } from "@venus/model";
import { compileValidator, ConfigError, readTomlFile, type Validation } from "@venus/simple-backend";
import { attributeDefinitionProblems } from "./check-attribute-definitions.js";

/** The embedded default, `config/profile-attributes.toml` at the repository root (same path from src and dist). */
export const DEFAULT_ATTRIBUTES_FILE = fileURLToPath(
  new URL("../../../../config/profile-attributes.toml", import.meta.url),
);

const checkSchema = compileValidator(AttributeDefinitions);

/**
 * Checks parsed definitions against the schema, then (when the shape is right) against the rules
 * between values: every problem of the failing stage, each with its path.
 */
export function parseAttributeDefinitions(raw: unknown): Validation<AttributeDefinitions> {
  const shape = checkSchema(raw);
  if (!shape.ok) return shape;
  const issues = attributeDefinitionProblems(shape.value);
  return issues.length === 0 ? shape : { ok: false, issues };
}

/** Reads and checks a profile attributes file; throws a ConfigError naming the file and every problem. */
export function loadAttributeDefinitions(file: string = DEFAULT_ATTRIBUTES_FILE): AttributeDefinitions {
  const result = parseAttributeDefinitions(readTomlFile(file));
  if (!result.ok) throw new ConfigError(file, result.issues);
  return result.value;
}
