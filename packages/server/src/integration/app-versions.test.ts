import type { ClientConfig } from "@venus/model";
import { beforeAll, expect, test } from "vitest";
import { expectError } from "../testing/account-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { request } from "../testing/http-client.js";
import { as, createProfileUser } from "../testing/profile-flow.js";
import { useServer } from "../testing/server-fixture.js";
import { login, PASSWORD, register, uniqueEmail, type Tokens } from "../testing/sign-in.js";
import { WsClient } from "../testing/ws-client.js";

const ROOT_EMAIL = "app-versions-root@example.com";
const fixture = useServer({
  config: {
    admin: { grant_email: ROOT_EMAIL },
    rate_limits: GENEROUS_RATE_LIMITS,
    clients: { android: { min_version: "2.0.0", recommended_version: "2.3.0" } },
  },
});

let root: { accessToken: string };
let tokens: Tokens;
beforeAll(async () => {
  root = await createProfileUser(fixture.server, { email: ROOT_EMAIL, name: "Root" });
  tokens = await login(fixture.server, await register(fixture.server));
});

/** Says hello as `kind` at `version` with the current access token; resolves with the first answer. */
async function hello(kind: string, version: string) {
  const ws = await WsClient.connect(fixture.server.wsUrl);
  ws.send({ type: "hello", access_token: tokens.access_token, protocol: 1, client: { kind, version } });
  const frame = await ws.next();
  if (frame.type === "welcome" && typeof frame.access_token === "string")
    tokens.access_token = frame.access_token;
  return { ws, frame };
}

test("a hello below its kind's minimum is refused with the minimum; other kinds are not held to it", async () => {
  const old = await hello("android", "1.9.9");
  expect(old.frame).toMatchObject({
    type: "error",
    code: "client_update_required",
    details: { min_version: "2.0.0" },
  });
  expect((await old.ws.closed).code).toBe(4005);
  const beta = await hello("android", "2.0.0-beta.3");
  expect(beta.frame).toMatchObject({ code: "client_update_required" });
  const web = await hello("web", "1.0.0");
  expect(web.frame).toMatchObject({ type: "welcome" });
  expect(web.frame.update_available).toBeUndefined();
  web.ws.close();
});

test("below the recommended version the welcome says an update is available; at it, nothing", async () => {
  const behind = await hello("android", "2.2.9");
  expect(behind.frame).toMatchObject({ type: "welcome", update_available: { recommended_version: "2.3.0" } });
  behind.ws.close();
  await behind.ws.closed;
  const current = await hello("android", "2.3.0");
  expect(current.frame).toMatchObject({ type: "welcome" });
  expect(current.frame.update_available).toBeUndefined();
  current.ws.close();
  await current.ws.closed;
});

test("a client version that is no semantic version is invalid_client_version", async () => {
  for (const version of ["2", "v2.3.0", "2.3", "latest"]) {
    const bad = await hello("android", version);
    expect(bad.frame, version).toMatchObject({ type: "error", code: "invalid_client_version" });
    expect((await bad.ws.closed).code).toBe(4000);
  }
});

test("the versions are runtime flags: a raised minimum applies to the next hello; a bad value is refused", async () => {
  const flag = (name: string, value: unknown) =>
    as(fixture.server, root).put(`/admin/flags/${name}`, { value });
  expectError(await flag("android_min_version", "2.x"), 400, "validation_failed");
  expect((await flag("android_min_version", "2.2.0")).status).toBe(200);
  expect((await flag("android_recommended_version", "3.0.0")).status).toBe(200);
  const config = await request<ClientConfig>(fixture.server.url, "GET", "/account/client_config");
  expect(config.body).toMatchObject({ android_min_version: "2.2.0", android_recommended_version: "3.0.0" });
  expect((await hello("android", "2.1.0")).frame).toMatchObject({
    code: "client_update_required",
    details: { min_version: "2.2.0" },
  });
  const behind = await hello("android", "2.3.0");
  expect(behind.frame).toMatchObject({ type: "welcome", update_available: { recommended_version: "3.0.0" } });
  behind.ws.close();
});

test("registration and login that name their app are held to the same minimum; without a client they are not judged", async () => {
  const post = (path: string, body: Record<string, unknown>) =>
    request(fixture.server.url, "POST", path, { body });
  expect(
    (await as(fixture.server, root).put("/admin/flags/ios_min_version", { value: "2.0.0" })).status,
  ).toBe(200);
  const email = uniqueEmail("app-versions");
  const old = { kind: "ios", version: "1.9.9" };
  const refused = await post("/account/register", { email, password: PASSWORD, client: old });
  expectError(refused, 426, "client_update_required");
  expect(refused.body).toMatchObject({ error: { details: { min_version: "2.0.0" } } });
  // Refused before anything was written: the address is still free.
  const current = { kind: "ios", version: "2.0.0" };
  expect((await post("/account/register", { email, password: PASSWORD, client: current })).status).toBe(201);
  expectError(
    await post("/account/login", { email, password: PASSWORD, client: old }),
    426,
    "client_update_required",
  );
  expect((await post("/account/login", { email, password: PASSWORD, client: current })).status).toBe(200);
  expect((await post("/account/login", { email, password: PASSWORD })).status).toBe(200);
  // Another kind is not held to ios's minimum; a version that is not one is a validation error.
  const web = { kind: "web", version: "1.0.0" };
  expect((await post("/account/login", { email, password: PASSWORD, client: web })).status).toBe(200);
  const invalid = { kind: "ios", version: "v2.0.0" };
  expectError(
    await post("/account/login", { email, password: PASSWORD, client: invalid }),
    400,
    "validation_failed",
  );
});
