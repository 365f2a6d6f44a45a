import fc from "fast-check";
import { afterAll, beforeAll, expect, test } from "vitest";
import { completeSetup } from "../testing/account-flow.js";
import { readOperations, type Operation } from "../testing/fuzz/openapi-operations.js";
import { FUZZ, FUZZ_ADMIN_EMAIL, FUZZ_SERVER_CONFIG, fuzzTimeout } from "../testing/fuzz/fuzz-settings.js";
import { requestTo, type FuzzRequest } from "../testing/fuzz/http-request.js";
import { LiveSession } from "../testing/fuzz/live-session.js";
import { expectWellFormed, send, type ErrorDocs } from "../testing/fuzz/send-request.js";
import { request } from "../testing/http-client.js";
import { useServer } from "../testing/server-fixture.js";
import { login, signUp } from "../testing/sign-in.js";

// Every operation the server documents, sent malformed requests by a signed-in admin (so requests get
// past permission checks into validation), by nobody and with bad tokens. No answer is a 500 (a 503
// only where documented), and each error is a JSON error code. Then the server still lives and still
// answers a valid request.

const fixture = useServer({ config: FUZZ_SERVER_CONFIG });
let operations: Operation[];
let session: LiveSession;
let victimId: string;

beforeAll(async () => {
  operations = await readOperations(fixture.server.url);
  // Every admin permission (admin.grant_email) and a completed setup: requests get past the permission
  // and state checks into validation and the operations.
  const admin = await signUp(fixture.server, { email: FUZZ_ADMIN_EMAIL });
  await completeSetup(fixture.server, admin);
  admin.ws.close();
  session = new LiveSession(fixture.server, FUZZ_ADMIN_EMAIL);
  await session.ensureLive();
  const victim = await signUp(fixture.server);
  victimId = victim.accountId;
  victim.ws.close();
});
afterAll(() => session?.close());

const UNDOCUMENTED: ErrorDocs = { htmlErrors: false, serverErrors: [] };

async function exchange(fuzzRequest: FuzzRequest, docs: ErrorDocs): Promise<void> {
  await session.ensureLive();
  const answer = await send(fixture.server.url, fuzzRequest, session.token);
  session.note(fuzzRequest, answer);
  expectWellFormed(fuzzRequest, answer, docs);
}

test(
  "every operation answers malformed requests with a JSON error code, never a 500",
  async () => {
    expect(operations.length).toBeGreaterThan(50);
    for (const operation of operations)
      await fc.assert(
        fc.asyncProperty(requestTo(operation, victimId), (fuzzRequest) => exchange(fuzzRequest, operation)),
        {
          seed: FUZZ.seed,
          numRuns: FUZZ.runs,
        },
      );
  },
  fuzzTimeout(110),
);

test(
  "methods a path does not have are 4xx JSON errors",
  async () => {
    const methodsOf = new Map<string, Set<string>>();
    for (const { path, method } of operations)
      methodsOf.set(path, (methodsOf.get(path) ?? new Set()).add(method));
    for (const [path, methods] of methodsOf)
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "TRACE"].filter(
        (m) => !methods.has(m),
      ))
        await exchange(
          {
            method,
            path: path.replaceAll(/\{[^}]+\}/g, victimId),
            auth: { kind: "session" },
            contentType: "application/json",
            body: Buffer.from("{}"),
          },
          UNDOCUMENTED,
        );
  },
  fuzzTimeout(10),
);

test("a body nested deeper than http.max_json_depth is invalid_json before anything walks it", async () => {
  const nested = (depth: number) =>
    `{"email":${"[".repeat(depth - 1)}${"]".repeat(depth - 1)},"password":"x"}`;
  const login = (body: string) =>
    send(
      fixture.server.url,
      {
        method: "POST",
        path: "/account/login",
        auth: { kind: "none" },
        contentType: "application/json",
        body: Buffer.from(body),
      },
      "",
    );
  const atLimit = await login(nested(FUZZ_SERVER_CONFIG.http.max_json_depth));
  expect(JSON.parse(atLimit.text)).toMatchObject({ error: { code: "validation_failed" } });
  const over = await login(nested(FUZZ_SERVER_CONFIG.http.max_json_depth + 1));
  expect(over.status).toBe(400);
  expect(JSON.parse(over.text)).toMatchObject({ error: { code: "invalid_json" } });
  // Found by this fuzz test: an admin action's body went to the audit log's recursive redaction.
  await session.ensureLive();
  const deep = await send(
    fixture.server.url,
    {
      method: "POST",
      path: "/admin/statistics/store_hour",
      auth: { kind: "session" },
      contentType: "application/json",
      body: Buffer.from(`${'{"a":'.repeat(20_000)}1${"}".repeat(20_000)}`),
    },
    session.token,
  );
  expect(deep.status).toBeLessThan(500);
});

test("afterwards the server lives, counted no internal error, and a valid request works", async () => {
  expect(fixture.server.process.exitCode).toBeNull();
  expect((await request(fixture.server.url, "GET", "/health")).status).toBe(200);
  const metrics = await request<string>(fixture.server.url, "GET", "/metrics");
  expect(metrics.body).not.toMatch(/^venus_internal_errors_total\{[^}]*\} [1-9]/m);
  const tokens = await login(fixture.server, FUZZ_ADMIN_EMAIL);
  expect(tokens.account_id).toBe(session.accountId);
  const fresh = new LiveSession(fixture.server, FUZZ_ADMIN_EMAIL);
  await fresh.ensureLive();
  expect((await request(fixture.server.url, "GET", "/account/state", { token: fresh.token })).status).toBe(
    200,
  );
  fresh.close();
});
