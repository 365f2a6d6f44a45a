import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, expect, test } from "vitest";
import { ContractRecorder, type ContractRecord } from "../testing/contract/contract-recorder.js";

const openApi = {
  paths: {
    "/things/{id}": {
      get: {
        operationId: "getThingsById",
        responses: {
          "200": { content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } } },
          "404": {
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: {
                    error: {
                      type: "object",
                      properties: { code: { enum: ["not_found"] }, message: { type: "string" } },
                      required: ["code", "message"],
                    },
                  },
                  required: ["error"],
                },
              },
            },
          },
        },
      },
    },
    "/things/special": { get: { operationId: "getThingsSpecial", responses: { "204": {} } } },
  },
  components: {
    schemas: { Thing: { type: "object", properties: { n: { type: "integer" } }, required: ["n"] } },
  },
};
const asyncApi = {
  components: {
    schemas: {},
    messages: { welcome: { payload: { type: "object", properties: { type: { const: "welcome" } } } } },
  },
};

let dir: string;
let recorder: ContractRecorder;
const records = () =>
  readFileSync(join(dir, `worker-${process.pid}.jsonl`), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ContractRecord);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "contract-recorder-"));
  writeFileSync(join(dir, "openapi.json"), JSON.stringify(openApi));
  writeFileSync(join(dir, "asyncapi.json"), JSON.stringify(asyncApi));
  recorder = new ContractRecorder(dir);
});

test("a declared status with a body of its schema is seen, once", () => {
  recorder.http("GET", "/things/7", 200, "application/json", { n: 1 });
  recorder.http("GET", "/things/7", 200, "application/json", { n: 2 });
  recorder.http("GET", "/things/special", 204, "", "");
  expect(records()).toEqual([
    { kind: "seen", where: "getThingsById", status: 200 },
    { kind: "seen", where: "getThingsSpecial", status: 204 },
  ]);
});

test("an undeclared status, an undeclared code and a body off its schema are problems", () => {
  recorder.http("GET", "/things/7", 409, "application/json", { error: { code: "conflict", message: "" } });
  recorder.http("GET", "/things/7", 404, "application/json", { error: { code: "gone", message: "" } });
  recorder.http("GET", "/things/7", 200, "application/json", { n: "one" });
  expect(records()).toEqual([
    {
      kind: "problem",
      where: "getThingsById (GET /things/7)",
      status: 409,
      code: "conflict",
      problems: ["status not declared"],
    },
    {
      kind: "problem",
      where: "getThingsById",
      status: 404,
      code: "gone",
      problems: [expect.stringContaining("error.code")],
    },
    { kind: "problem", where: "getThingsById", status: 200, problems: [expect.stringContaining("n:")] },
  ]);
});

test("requests outside the document are not judged; frames are checked against their message", () => {
  recorder.http("GET", "/manager/status", 500, "application/json", {});
  recorder.http("GET", "/things/special", 404, "application/json", {
    error: { code: "not_found", message: "no such route" },
  });
  recorder.frame("welcome", { type: "welcome" });
  recorder.frame("welcome", { type: "hello" });
  recorder.frame("event.unknown", { type: "event" });
  expect(records()).toEqual([
    { kind: "seen", where: "ws welcome" },
    { kind: "problem", where: "ws welcome", problems: [expect.stringContaining("type")] },
    { kind: "problem", where: "ws event.unknown", problems: ["no such message in the AsyncAPI document"] },
  ]);
});
