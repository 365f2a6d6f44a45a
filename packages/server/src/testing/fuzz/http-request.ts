import fc from "fast-check";
import { hostileBodyText, hostileScalar } from "./hostile-values.js";
import { mutatedJson } from "./mutated-json.js";
import type { Operation, SchemaNode } from "./openapi-operations.js";
import { sampleValue } from "./sample-value.js";

/** Who the request claims to be: nobody, the live signed-in session, or a header of its own. */
export type Auth = { kind: "none" } | { kind: "session" } | { kind: "header"; value: string };

export interface FuzzRequest {
  method: string;
  /** Sent as it is: escapes, good or bad, are the generator's. */
  path: string;
  auth: Auth;
  contentType: string | undefined;
  body: Buffer | undefined;
}

/** Percent-escapes that are not valid, or decode to something a path should not hold. */
const BAD_ESCAPES = [
  "%",
  "%zz",
  "a%",
  "%%",
  "%c3%28",
  "%ff%fe",
  "%00",
  "%2F",
  "%2e%2e",
  "..",
  "%u0041",
  "%E2%80%AE",
];

const text = (value: unknown) => (typeof value === "string" ? value : (JSON.stringify(value) ?? ""));
/** encodeURIComponent, with lone surrogates (which it refuses) sent as U+FFFD. */
const encode = (value: string) => encodeURIComponent(Buffer.from(value).toString());

function pathValue(schema: SchemaNode, uuid: string): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(encode(text(sampleValue(schema, uuid)))) },
    { weight: 2, arbitrary: fc.constantFrom(...BAD_ESCAPES) },
    { weight: 1, arbitrary: fc.uuid().map(String) },
    { weight: 2, arbitrary: hostileScalar.map((value) => encode(text(value).slice(0, 800))) },
  );
}

function queryString(operation: Operation, uuid: string): fc.Arbitrary<string> {
  const names = [...operation.query.map((q) => q.name), "unknown", "__proto__"];
  const value = (name: string) =>
    fc.oneof(
      fc.constant(encode(text(sampleValue(operation.query.find((q) => q.name === name)?.schema, uuid)))),
      hostileScalar.map((v) => encode(text(v).slice(0, 300))),
      fc.constantFrom(...BAD_ESCAPES),
    );
  const pair = fc.constantFrom(...names).chain((name) => value(name).map((v) => `${name}=${v}`));
  return fc.oneof(
    fc.array(pair, { maxLength: 4 }).map((pairs) => (pairs.length ? `?${pairs.join("&")}` : "")),
    fc.constantFrom("?", "?&&=&", "?%zz=%", "?a=1&a=2&a=3", "?=x"),
  );
}

const AUTH: fc.Arbitrary<Auth> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ kind: "none" as const }) },
  { weight: 4, arbitrary: fc.constant({ kind: "session" as const }) },
  {
    weight: 2,
    arbitrary: fc
      .oneof(
        fc.constantFrom(
          "Bearer",
          "Bearer ",
          "Bearer  x",
          "bearer abc",
          "Basic dXNlcjpwYXNz",
          "Token x",
          "Bearer %00",
        ),
        fc.string({ maxLength: 64 }).map((token) => `Bearer ${token}`),
        fc.integer({ min: 1000, max: 3000 }).map((n) => `Bearer ${"a".repeat(n)}`),
      )
      .map((value) => ({ kind: "header" as const, value })),
  },
);

const OTHER_TYPES = [
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/json; charset=utf-16",
  "application/json;;",
  "image/jpeg",
];

/** A malformed (sometimes well-formed) request to one operation. */
export function requestTo(operation: Operation, uuid: string): fc.Arbitrary<FuzzRequest> {
  const segments = operation.path.split(/(\{[^}]+\})/);
  const path = fc
    .tuple(
      ...segments.map((segment) => {
        const param = /^\{(.+)\}$/.exec(segment)?.[1];
        const schema = operation.pathParams.find((p) => p.name === param)?.schema;
        return param === undefined ? fc.constant(segment) : pathValue(schema ?? {}, uuid);
      }),
    )
    .map((parts) => parts.join(""));
  const declared = operation.body?.contentTypes ?? [];
  const body = operation.body
    ? fc.oneof(
        { weight: 5, arbitrary: mutatedJson(operation.body.schema, uuid) },
        { weight: 2, arbitrary: hostileBodyText },
        { weight: 1, arbitrary: fc.constant(undefined) },
      )
    : fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: hostileBodyText });
  const contentType = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...(declared.length ? declared : ["application/json"])) },
    { weight: 1, arbitrary: fc.constantFrom(...OTHER_TYPES) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
  return fc
    .record({
      method: fc.constant(operation.method),
      path: fc.tuple(path, queryString(operation, uuid)).map(([p, q]) => p + q),
      auth: operation.secured ? AUTH : fc.oneof(fc.constant({ kind: "none" as const }), AUTH),
      contentType,
      body,
    })
    .map((request) => Object.assign(request, { [fc.toStringMethod]: () => describeRequest(request) }));
}

/** A failing request as fast-check prints it: short, even for a 60 KB body. */
export function describeRequest(request: FuzzRequest): string {
  const body = request.body
    ? `${request.body.length} bytes ${JSON.stringify(request.body.toString().slice(0, 120))}`
    : "none";
  const auth =
    request.auth.kind === "header" ? JSON.stringify(request.auth.value.slice(0, 60)) : request.auth.kind;
  return `${request.method} ${request.path.slice(0, 300)} auth=${auth} content-type=${request.contentType ?? "none"} body=${body}`;
}
