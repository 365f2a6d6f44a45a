import fc from "fast-check";
import { hostileValue } from "./hostile-values.js";
import type { SchemaNode } from "./openapi-operations.js";
import { sampleValue } from "./sample-value.js";

/** One change to a valid body: a field dropped, added or of the wrong type (`at` walks into objects). */
type Mutation =
  | { op: "drop"; at: number[] }
  | { op: "extra"; at: number[]; key: string; value: unknown }
  | { op: "wrong"; at: number[]; value: unknown }
  | { op: "whole"; value: unknown };

const at = fc.array(fc.nat(), { minLength: 1, maxLength: 3 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("drop" as const), at }),
  fc.record({
    op: fc.constant("extra" as const),
    at,
    key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("__proto__", "constructor", "prototype")),
    value: hostileValue,
  }),
  { weight: 3, arbitrary: fc.record({ op: fc.constant("wrong" as const), at, value: hostileValue }) },
  fc.record({ op: fc.constant("whole" as const), value: hostileValue }),
);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The object `at` leads to (each step picks a key that holds an object), and the index left for it. */
function target(
  value: unknown,
  path: number[],
): { object: Record<string, unknown>; index: number } | undefined {
  let node = value;
  for (let i = 0; i < path.length - 1 && isObject(node); i++) {
    const object: Record<string, unknown> = node;
    const inner = Object.keys(object).filter((key) => isObject(object[key]));
    if (inner.length === 0) break;
    node = object[inner[(path[i] as number) % inner.length] as string];
  }
  return isObject(node) ? { object: node, index: path.at(-1) as number } : undefined;
}

/** A copy the mutations may change: fast-check shares generated values between runs and shrinks. */
const copy = (value: unknown): unknown => JSON.parse(JSON.stringify(value) ?? "null");

function apply(value: unknown, original: Mutation): unknown {
  const change = "value" in original ? { ...original, value: copy(original.value) } : original;
  if (change.op === "whole") return change.value;
  const found = target(value, change.at);
  if (!found) return change.op === "wrong" ? change.value : value;
  const keys = Object.keys(found.object);
  const key = keys[found.index % Math.max(keys.length, 1)];
  if (change.op === "extra")
    // defineProperty: `__proto__` becomes an own key, so it goes on the wire.
    Object.defineProperty(found.object, change.key, {
      value: change.value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  else if (key === undefined) return value;
  else if (change.op === "drop") delete found.object[key];
  else found.object[key] = change.value;
  return value;
}

/** A JSON body of the schema's shape, broken by zero to three mutations. */
export function mutatedJson(schema: SchemaNode | undefined, uuid: string): fc.Arbitrary<Buffer> {
  return fc.array(mutation, { maxLength: 3 }).map((changes) => {
    let value = sampleValue(schema, uuid);
    for (const change of changes) value = apply(value, change);
    return Buffer.from(JSON.stringify(value) ?? "null");
  });
}
