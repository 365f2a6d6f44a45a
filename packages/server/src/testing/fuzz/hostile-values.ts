import fc from "fast-check";

/** Strings that have broken parsers before: escapes, encodings, names with a meaning in JavaScript. */
export const NASTY_STRINGS = [
  "",
  " ",
  "\u0000",
  "\ud800",
  "\uffff",
  "%",
  "%zz",
  "%c3%28",
  "%00",
  "%2F..%2F",
  "../../etc/passwd",
  "__proto__",
  "constructor",
  "toString",
  "1e309",
  "-0",
  "NaN",
  "null",
  "'; DROP TABLE account; --",
  "<script>alert(1)</script>",
  "\u202e\u0301",
];

const nastyNumbers = fc.constantFrom(
  -1,
  0,
  -0,
  0.5,
  2 ** 31,
  2 ** 53 + 2,
  -(2 ** 63),
  1e308,
  Number.MIN_VALUE,
);

/** A hostile scalar: wrong types, edge numbers, odd strings, big strings. */
export const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(...NASTY_STRINGS),
  fc.integer(),
  fc.double(),
  nastyNumbers,
  fc.boolean(),
  fc.constant(null),
  fc.integer({ min: 1000, max: 20_000 }).map((n) => "x".repeat(n)),
);

/** Arrays nested `depth` deep around a value. */
const nested = (depth: number, inner: unknown): unknown => {
  let value = inner;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

/** A hostile JSON value: a scalar, a container of them, or something deep. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileScalar },
  { weight: 1, arbitrary: fc.array(hostileScalar, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 10 }), hostileScalar, { maxKeys: 5 }) },
  { weight: 1, arbitrary: fc.integer({ min: 20, max: 500 }).map((depth) => nested(depth, 1)) },
  { weight: 1, arbitrary: fc.array(fc.constant(0), { minLength: 1000, maxLength: 5000 }) },
);

/** Request body text that is not JSON, or JSON no schema expects. */
export const hostileBodyText: fc.Arbitrary<Buffer> = fc.oneof(
  fc
    .constantFrom(
      "",
      "{",
      '{"a":}',
      "[1,]",
      "null",
      "[]",
      "0",
      '"x"',
      '{"__proto__":{"admin":true}}',
      '{"a":"\\ud800"}',
      '{"a":"\\u00zz"}',
      '{"a":1}{"b":2}',
      "\ufeff{}",
      "{'single':1}",
    )
    .map((text) => Buffer.from(text)),
  fc.uint8Array({ maxLength: 256 }).map((bytes) => Buffer.from(bytes)),
  fc
    .integer({ min: 1000, max: 20_000 })
    .map((depth) => Buffer.from(`${"[".repeat(depth)}${"]".repeat(depth)}`)),
  fc
    .integer({ min: 1000, max: 10_000 })
    .map((depth) => Buffer.from(`${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`)),
);
