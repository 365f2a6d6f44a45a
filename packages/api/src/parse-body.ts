import type { Static, TSchema } from "@sinclair/typebox";
import { VenusError, invalidInput } from "@venus/model";
import { compileValidator } from "@venus/simple-backend";

const validators = new WeakMap<TSchema, ReturnType<typeof compileValidator>>();

/** Validates a decoded value against its schema (compiled once); `validation_failed` lists every issue. */
export function validate<S extends TSchema>(schema: S, value: unknown): Static<S> {
  let check = validators.get(schema);
  if (!check) validators.set(schema, (check = compileValidator(schema)));
  const result = check(value);
  if (!result.ok) throw invalidInput(result.issues);
  return result.value as Static<S>;
}

/** Parses a JSON request body (`invalid_json` when it is not JSON). */
export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    throw new VenusError("invalid_json");
  }
}

/** Parses a JSON request body and validates it. */
export function parseJsonBody<S extends TSchema>(schema: S, body: Buffer): Static<S> {
  return validate(schema, parseJson(body));
}
