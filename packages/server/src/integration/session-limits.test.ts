import { connect as netConnect } from "node:net";
import { expect, test } from "vitest";
import { expectError, getState } from "../testing/account-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { request } from "../testing/http-client.js";
import { PASSWORD, type Tokens, connect, login, register, signUp, uniqueEmail } from "../testing/sign-in.js";
import { useServer } from "../testing/server-fixture.js";
import { startServer } from "../testing/spawn-server.js";
import { WsClient } from "../testing/ws-client.js";

const BODY_LIMIT = 4096;

const fixture = useServer({
  config: {
    rate_limits: GENEROUS_RATE_LIMITS,
    http: { max_body_bytes: BODY_LIMIT },
    tokens: {
      access_token_ttl_seconds: 1,
      access_token_rotate_after_seconds: 3600,
      max_sessions_per_account: 2,
    },
  },
});

test("a body exactly at the limit is read; one byte more is payload_too_large", async () => {
  const json = JSON.stringify({ email: uniqueEmail(), password: PASSWORD });
  const atLimit = json + " ".repeat(BODY_LIMIT - json.length);
  expect((await request(fixture.server.url, "POST", "/account/register", { body: atLimit })).status).toBe(
    201,
  );
  const over = JSON.stringify({ email: uniqueEmail(), password: PASSWORD });
  expectError(
    await request(fixture.server.url, "POST", "/account/register", {
      body: over + " ".repeat(BODY_LIMIT - over.length + 1),
    }),
    413,
    "payload_too_large",
  );
});

test("without rotation the welcome has no new token; an access token past its lifetime is token_expired", async () => {
  const email = await register(fixture.server);
  const tokens = await login(fixture.server, email);
  const fresh = await connect(fixture.server, tokens, { sync: { account_state: 1 } });
  expect(fresh.welcome.access_token).toBeUndefined();
  fresh.ws.close();
  await fresh.ws.closed;
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const ws = await WsClient.connect(fixture.server.wsUrl);
  ws.send({
    type: "hello",
    access_token: tokens.access_token,
    protocol: 1,
    client: { kind: "web", version: "1.0.0" },
  });
  expect(await ws.next()).toMatchObject({ type: "error", code: "token_expired" });
  expect((await ws.closed).code).toBe(4001);
  const refreshed = await request<Tokens>(fixture.server.url, "POST", "/account/refresh", {
    body: { refresh_token: tokens.refresh_token },
  });
  const again = await connect(fixture.server, refreshed.body, { sync: { account_state: 1 } });
  expect((await getState(fixture.server, again.accessToken)).status).toBe(200);
  again.ws.close();
});

test("a login beyond max_sessions_per_account ends the least recently used session, whatever the client kinds", async () => {
  const email = await register(fixture.server);
  const first = await connect(fixture.server, await login(fixture.server, email), {
    kind: "web",
    sync: { account_state: 1 },
  });
  const second = await connect(fixture.server, await login(fixture.server, email), {
    kind: "web",
    sync: { account_state: 1 },
  });
  // Two browsers of one account are two devices: both stay.
  expect((await getState(fixture.server, first.accessToken)).status).toBe(200);
  expect((await getState(fixture.server, second.accessToken)).status).toBe(200);
  const third = await connect(fixture.server, await login(fixture.server, email), {
    kind: "android",
    sync: { account_state: 1 },
  });
  expect(await first.ws.next()).toEqual({ type: "disconnect", reason: "session_ended" });
  expectError(await getState(fixture.server, first.accessToken), 401, "invalid_token");
  expectError(
    await request(fixture.server.url, "POST", "/account/refresh", {
      body: { refresh_token: first.refreshToken },
    }),
    401,
    "invalid_token",
  );
  for (const live of [second, third]) {
    expect((await getState(fixture.server, live.accessToken)).status).toBe(200);
    live.ws.close();
  }
});

test("while shutting down, requests on open connections get 503 shutting_down", async () => {
  const own = await startServer({ config: { rate_limits: GENEROUS_RATE_LIMITS } });
  const user = await signUp(own);
  const socket = netConnect(own.port, "127.0.0.1");
  await new Promise((resolve) => socket.once("connect", resolve));
  const replies: string[] = [];
  socket.on("data", (chunk: Buffer) => replies.push(chunk.toString()));
  // Registrations keep the server draining (argon2) while the keep-alive connection asks again.
  const busy = Array.from({ length: 16 }, () =>
    request(own.url, "POST", "/account/register", { body: { email: uniqueEmail(), password: PASSWORD } }),
  );
  await Promise.race(busy);
  own.process.kill("SIGTERM");
  expect(await user.ws.next()).toEqual({ type: "disconnect", reason: "shutting_down" });
  socket.write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
  await new Promise((resolve) => socket.once("close", resolve));
  expect(replies.join("")).toMatch(/^HTTP\/1\.1 503[\s\S]*"code":"shutting_down"/);
  await Promise.allSettled(busy);
  expect(await own.exited).toBe(0);
  own.cleanup();
});
