import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Parser } from "@asyncapi/parser";
import { EVENT_NAMES, WS_REQUEST_METHODS } from "@venus/model";
import { expect, test } from "vitest";
import { useServer } from "../testing/server-fixture.js";
import { servedDocument, writeTempDocument } from "../testing/contract/served-documents.js";

const REDOCLY = fileURLToPath(new URL("../../../../node_modules/.bin/redocly", import.meta.url));

const fixture = useServer();

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
}

/** The warnings docs/clients.md explains: operations that cannot fail with a 4xx, and a redirect-only one. */
const EXPLAINED_WARNINGS = [
  "operation-2xx-response #/paths/~1account~1sign_in~1oidc~1form_post/post/responses",
  "operation-4xx-response #/paths/~1account~1client_config/get/responses",
  "operation-4xx-response #/paths/~1account~1sign_in_providers/get/responses",
  "operation-4xx-response #/paths/~1asyncapi.json/get/responses",
  "operation-4xx-response #/paths/~1health/get/responses",
  "operation-4xx-response #/paths/~1metrics/get/responses",
  "operation-4xx-response #/paths/~1openapi.json/get/responses",
];

test("the served OpenAPI document passes Redocly's recommended rules with no error", async () => {
  const file = writeTempDocument("openapi.json", await servedDocument(fixture.server.url, "/openapi.json"));
  const { stdout } = await promisify(execFile)(REDOCLY, ["lint", file, "--format=json"], {
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" },
    maxBuffer: 64 * 1024 * 1024,
  }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? "" }));
  const report = JSON.parse(stdout) as LintReport;
  const problems = report.problems.map(
    (p) => `${p.ruleId} ${p.location[0]?.pointer} (${p.severity}): ${p.message}`,
  );
  expect(problems.filter((p) => p.includes("(error)"))).toEqual([]);
  expect(report.totals.errors).toBe(0);
  expect(report.problems.map((p) => `${p.ruleId} ${p.location[0]?.pointer}`).sort()).toEqual(
    EXPLAINED_WARNINGS,
  );
}, 120_000);

test("the served AsyncAPI document parses with no error or warning and names every frame", async () => {
  const served = await servedDocument(fixture.server.url, "/asyncapi.json");
  const { document, diagnostics } = await new Parser().parse(JSON.stringify(served));
  // Severity 0 is an error, 1 a warning; 2 and 3 are information and hints.
  expect(diagnostics.filter((d) => d.severity <= 1).map((d) => `${d.code}: ${d.message}`)).toEqual([]);
  expect(document?.version()).toBe("3.1.0");
  const names =
    document
      ?.components()
      .messages()
      .all()
      .map((m) => m.id()) ?? [];
  expect(names).toEqual(
    expect.arrayContaining([
      "hello",
      "welcome",
      "ping",
      "pong",
      "error",
      "disconnect",
      ...EVENT_NAMES.map((e) => `event.${e}`),
      ...WS_REQUEST_METHODS.flatMap((m) => [`request.${m}`, `response.${m}`]),
    ]),
  );
  const send = document?.operations().get("requestChatSend");
  expect(send?.action()).toBe("receive");
  expect(
    send
      ?.reply()
      ?.messages()
      .all()
      .map((m) => m.id()),
  ).toEqual(["response.chat.send"]);
}, 120_000);
