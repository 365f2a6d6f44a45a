import fc from "fast-check";
import { WS_ERROR_CODES } from "@venus/model";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { completeSetup } from "../testing/account-flow.js";
import { FUZZ, FUZZ_SERVER_CONFIG, fuzzTimeout } from "../testing/fuzz/fuzz-settings.js";
import { readOperations, type SchemaNode } from "../testing/fuzz/openapi-operations.js";
import { framesAfterHello, framesBeforeHello, type RawFrame } from "../testing/fuzz/ws-frames.js";
import { request } from "../testing/http-client.js";
import { useServer } from "../testing/server-fixture.js";
import { connect, login, signUp, type SignedIn } from "../testing/sign-in.js";
import { WsClient, type Frame } from "../testing/ws-client.js";

// Malformed frames on /ws, JSON and msgpack: before hello each costs the connection (a 4xxx close with
// an error code), after welcome each costs one error or response frame and the socket stays open.

const fixture = useServer({ config: FUZZ_SERVER_CONFIG });
let bodies: SchemaNode[];
let user: SignedIn & { email: string };
let victimId: string;

beforeAll(async () => {
  const operations = await readOperations(fixture.server.url);
  bodies = operations.flatMap((op) => (op.body?.schema ? [op.body.schema] : []));
  user = await signUp(fixture.server);
  await completeSetup(fixture.server, user);
  const victim = await signUp(fixture.server);
  victimId = victim.accountId;
  victim.ws.close();
});
afterAll(() => user?.ws.close());

const KNOWN_CODES = WS_ERROR_CODES.filter((code) => code !== "internal_error") as readonly string[];
const show = (frame: RawFrame) =>
  typeof frame.data === "string" ? JSON.stringify(frame.data.slice(0, 200)) : `<${frame.data.length} bytes>`;

/** Frames the server sent in answer to `frame` are each a known error or a response below 500. */
function expectAnswer(answer: Frame, frame: RawFrame): void {
  const what = `${show(frame)} → ${JSON.stringify(answer).slice(0, 300)}`;
  if (answer.type === "error") expect(KNOWN_CODES, what).toContain(answer.code);
  else if (answer.type === "response") expect(answer.status as number, what).toBeLessThan(500);
  else expect(["pong", "event", "welcome"], what).toContain(answer.type);
}

describe.each([
  ["JSON", false],
  ["msgpack", true],
])("%s frames", (_name, binary) => {
  test(
    "before hello: each malformed frame gets an error code and a 4xxx close, or a welcome",
    async () => {
      const tokens = await login(fixture.server, user.email);
      await fc.assert(
        fc.asyncProperty(framesBeforeHello(bodies, victimId, tokens.access_token, binary), async (frame) => {
          const ws = await WsClient.connect(fixture.server.wsUrl, { msgpack: binary });
          ws.sendRaw(frame.data);
          const answer = await ws.next();
          expectAnswer(answer, frame);
          if (answer.type === "welcome") return ws.close();
          const { code } = await ws.closed;
          expect([4000, 4001], show(frame)).toContain(code);
        }),
        { seed: FUZZ.seed, numRuns: FUZZ.runs * 5 },
      );
    },
    fuzzTimeout(5),
  );

  test(
    "after welcome: each malformed frame gets an error or a response, and the socket stays open",
    async () => {
      const signedIn = await connect(fixture.server, await login(fixture.server, user.email), {
        msgpack: binary,
        kind: binary ? "android" : "ios",
      });
      let pings = 0;
      await fc.assert(
        fc.asyncProperty(framesAfterHello(bodies, victimId, binary), async (frame) => {
          signedIn.ws.sendRaw(frame.data);
          const id = `fuzz-${pings++}`;
          signedIn.ws.send({ type: "ping", id });
          for (;;) {
            const answer = await signedIn.ws.next();
            if (answer.type === "pong" && answer.id === id) break;
            expectAnswer(answer, frame);
          }
        }),
        { seed: FUZZ.seed, numRuns: FUZZ.runs * 10 },
      );
      signedIn.ws.close();
    },
    fuzzTimeout(10),
  );
});

test("afterwards the server lives, counted no internal error, and a valid session works", async () => {
  expect(fixture.server.process.exitCode).toBeNull();
  const metrics = await request<string>(fixture.server.url, "GET", "/metrics");
  expect(metrics.body).not.toMatch(/^venus_internal_errors_total\{[^}]*\} [1-9]/m);
  const again = await connect(fixture.server, await login(fixture.server, user.email));
  expect(
    (await request(fixture.server.url, "GET", "/account/state", { token: again.accessToken })).status,
  ).toBe(200);
  again.ws.send({ type: "ping", id: "last" });
  expect(await again.ws.take((frame) => frame.type === "pong")).toEqual({ type: "pong", id: "last" });
  again.ws.close();
});
