import type { Static, TSchema } from "@sinclair/typebox";
import { VenusError, invalidInput } from "@venus/model";
import { compileValidator, nestsDeeperThan } from "@venus/simple-backend";

const validators = new WeakMap<TSchema, ReturnType<typeof compileValidator>>();

/** Validates a decoded value against its schema (compiled once); `validation_failed` lists every issue. */
export function validate<S extends TSchema>(schema: S, value: unknown): Static<S> {
  let check = validators.get(schema);
  if (!check) validators.set(schema, (check = compileValidator(schema)));
  const result = check(value);
  if (!result.ok) throw invalidInput(result.issues);
  return result.value as Static<S>;
}

/**
 * Parses a JSON request body: `invalid_json` when it is not JSON or nests deeper than `maxDepth`
 * (`http.max_json_depth`), before anything walks it.
 */
export function parseJson(body: Buffer, maxDepth: number): unknown {
  const text = body.toString("utf8");
  if (nestsDeeperThan(text, maxDepth))
    throw new VenusError("invalid_json", `the request body nests deeper than ${maxDepth} levels`);
  try {
    return JSON.parse(text);
  } catch {
    throw new VenusError("invalid_json");
  }
}

/** Parses a JSON request body and validates it. */
export function parseJsonBody<S extends TSchema>(schema: S, body: Buffer, maxDepth: number): Static<S> {
  return validate(schema, parseJson(body, maxDepth));
}
