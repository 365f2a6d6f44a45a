import fc from "fast-check";
import { Packr } from "msgpackr";
import { WS_REQUEST_METHODS } from "@venus/model";
import { hostileBodyText, hostileScalar, hostileValue } from "./hostile-values.js";
import { mutatedJson } from "./mutated-json.js";
import type { SchemaNode } from "./openapi-operations.js";

const packr = new Packr({ useRecords: false });

/** What goes on the socket: text or binary, as it is. */
export interface RawFrame {
  data: string | Buffer;
}

const id = fc.oneof(fc.integer(), fc.string({ maxLength: 64 }), hostileScalar);
const type = fc.oneof(
  fc.constantFrom("hello", "ping", "request", "response", "welcome", "event", "error", "pong"),
  fc.string({ maxLength: 12 }),
);

/** Request frames with bodies shaped after the OpenAPI operations' (broken), and other frame shapes. */
function frameValue(bodies: SchemaNode[], uuid: string): fc.Arbitrary<unknown> {
  const body = fc.oneof(
    fc
      .constantFrom(...bodies)
      .chain((schema) => mutatedJson(schema, uuid))
      .map((text) => JSON.parse(text.toString()) as unknown),
    hostileValue,
  );
  const method = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...WS_REQUEST_METHODS) },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.string({ maxLength: 70 }),
        fc.constantFrom("__proto__", "constructor", "hasOwnProperty"),
      ),
    },
  );
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({ type: fc.constant("request"), id, method, body }, { requiredKeys: ["type"] }),
    },
    { weight: 1, arbitrary: fc.record({ type: fc.constant("ping"), id }, { requiredKeys: [] }) },
    { weight: 1, arbitrary: fc.record({ type, id, extra: hostileValue }, { requiredKeys: [] }) },
    { weight: 1, arbitrary: hostileValue },
  );
}

/** A hello with each field possibly missing or wrong; `token` is sometimes the real one. */
export function helloValue(token: string): fc.Arbitrary<unknown> {
  return fc.record(
    {
      type: fc.oneof({ weight: 5, arbitrary: fc.constant("hello") }, { weight: 1, arbitrary: type }),
      access_token: fc.oneof(fc.constant(token), fc.string({ maxLength: 80 }), hostileScalar),
      protocol: fc.oneof({ weight: 3, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: hostileScalar }),
      client: fc.oneof(
        fc.record({
          kind: fc.oneof(fc.constantFrom("web", "android", "ios", "bot"), hostileScalar),
          version: fc.oneof(fc.constant("1.0.0"), hostileScalar),
        }),
        hostileValue,
      ),
      sync: fc.oneof(
        fc.constant({}),
        fc.dictionary(fc.string({ maxLength: 20 }), hostileScalar, { maxKeys: 4 }),
        hostileValue,
      ),
    },
    { requiredKeys: [] },
  );
}

/**
 * One frame as sent: a value in the socket's own encoding, in the other one, or bytes that are neither.
 * `binary` is the socket's subprotocol (msgpack).
 */
export function rawFrame(value: fc.Arbitrary<unknown>, binary: boolean): fc.Arbitrary<RawFrame> {
  const own = value.map((v) => ({ data: binary ? packr.pack(v) : (JSON.stringify(v) ?? "null") }));
  const other = value.map((v) => ({ data: binary ? (JSON.stringify(v) ?? "null") : packr.pack(v) }));
  return fc.oneof(
    { weight: 6, arbitrary: own },
    { weight: 1, arbitrary: other },
    { weight: 1, arbitrary: hostileBodyText.map((bytes) => ({ data: binary ? bytes : bytes.toString() })) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ data: Buffer.from(bytes) })) },
    // msgpack arrays of one element nested n deep (0x91 …): deeper than any encoder here would write.
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 1000, max: 100_000 })
        .map((depth) => ({ data: Buffer.concat([Buffer.alloc(depth, 0x91), Buffer.from([1])]) })),
    },
  );
}

export const framesAfterHello = (bodies: SchemaNode[], uuid: string, binary: boolean) =>
  rawFrame(frameValue(bodies, uuid), binary);

export const framesBeforeHello = (bodies: SchemaNode[], uuid: string, token: string, binary: boolean) =>
  rawFrame(fc.oneof(helloValue(token), frameValue(bodies, uuid)), binary);
