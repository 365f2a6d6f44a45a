import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import { completeSetup, expectError } from "../testing/account-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { request } from "../testing/http-client.js";
import { useServer } from "../testing/server-fixture.js";
import { connect, signUp, type SignedIn, type Tokens } from "../testing/sign-in.js";

const REMOTE_PASSWORD = "a long remote bot password";
const ADMIN_EMAIL = "bot-login-admin@example.com";

async function registerBot(server: { botUrl: string }, body: object = {}): Promise<string> {
  const reply = await request<{ account_id: string }>(server.botUrl, "POST", "/bot/register", { body });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body.account_id;
}

async function loginBot(server: { botUrl: string }, accountId: string): Promise<Tokens> {
  const reply = await request<Tokens>(server.botUrl, "POST", "/bot/login", {
    body: { account_id: accountId },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
}

const remoteLogin = (server: { url: string }, accountId: string, password = REMOTE_PASSWORD) =>
  request(server.url, "POST", "/bot/remote_login", { body: { account_id: accountId, password } });

const unknownRoute = (server: { url: string }) =>
  request(server.url, "POST", "/bot/no_such_route", { body: {} });

describe("local bot sign-in (remote bot login off)", () => {
  const fixture = useServer({
    config: { rate_limits: GENEROUS_RATE_LIMITS, admin: { grant_email: ADMIN_EMAIL } },
  });

  test("a bot registers and logs in on the loopback listener, connects as kind bot and uses the API", async () => {
    const { server } = fixture;
    expect(server.botUrl).not.toBe(server.url);
    const accountId = await registerBot(server);
    const bot = await connect(server, await loginBot(server, accountId), { kind: "bot" });
    expect(bot.welcome).toMatchObject({ type: "welcome", account_id: accountId });
    const state = await request(server.url, "GET", "/account/state", { token: bot.accessToken });
    expect(state.body).toMatchObject({ state: "initial_setup", permissions: [] });
    // Each login is a new session.
    const again = await loginBot(server, accountId);
    expect(again.access_token).not.toBe(bot.accessToken);
    bot.ws.close();
  });

  test("a moderator bot gets the moderation permissions", async () => {
    const { server } = fixture;
    const bot = await connect(server, await loginBot(server, await registerBot(server, { moderator: true })));
    const state = await request(server.url, "GET", "/account/state", { token: bot.accessToken });
    expect(state.body).toMatchObject({ permissions: ["moderate_images", "moderate_texts"] });
    bot.ws.close();
  });

  test("only bot accounts log in there; a bot cannot log in with a password; nothing else is on that listener", async () => {
    const { server } = fixture;
    const person = await signUp(server);
    expectError(
      await request(server.botUrl, "POST", "/bot/login", { body: { account_id: person.accountId } }),
      404,
      "not_found",
    );
    expectError(
      await request(server.botUrl, "POST", "/bot/login", { body: { account_id: randomUUID() } }),
      404,
      "not_found",
    );
    const botId = await registerBot(server);
    expectError(
      await request(server.url, "POST", "/account/login", {
        body: { email: `${botId}@bots.invalid`, password: "anything at all" },
      }),
      401,
      "invalid_credentials",
    );
    for (const path of ["/account/register", "/health", "/openapi.json"])
      expectError(await request(server.botUrl, "GET", path), 404, "not_found");
    expectError(
      await request(server.botUrl, "POST", "/bot/register", { body: { admin: true } }),
      400,
      "validation_failed",
    );
    person.ws.close();
  });

  test("the bot routes are not on the public port, and remote login is switched off: the same 404 as no route", async () => {
    const { server } = fixture;
    const botId = await registerBot(server);
    const missing = await unknownRoute(server);
    expectError(missing, 404, "not_found");
    for (const path of ["/bot/register", "/bot/login"])
      expect(await request(server.url, "POST", path, { body: {} })).toMatchObject({
        status: 404,
        body: missing.body,
      });
    expect(await remoteLogin(server, botId)).toMatchObject({ status: 404, body: missing.body });
  });

  test("bots are left out of the user statistics", async () => {
    const { server } = fixture;
    const admin = await signUp(server, { email: ADMIN_EMAIL });
    await completeSetup(server, admin);
    const goPublic = async (user: SignedIn) => {
      await completeSetup(server, user);
      const reply = await request(server.url, "PUT", "/profile/visibility", {
        token: user.accessToken,
        body: { visibility: "public" },
      });
      expect(reply.status).toBe(200);
    };
    /** Public profiles counted afresh (the daily task recounts; answers reuse a count for a minute). */
    const recount = async () => {
      expect(
        (await request(server.url, "POST", "/admin/daily_task/run", { token: admin.accessToken })).status,
      ).toBe(200);
      const statistics = await request(server.url, "GET", "/profile/statistics", {
        token: admin.accessToken,
      });
      return (statistics.body as { public: { total: number } }).public.total;
    };
    const before = await recount();
    const bot = await connect(server, await loginBot(server, await registerBot(server)), { kind: "bot" });
    await bot.ws.next();
    await goPublic(bot);
    expect(await recount()).toBe(before);
    const person = await signUp(server);
    await goPublic(person);
    expect(await recount()).toBe(before + 1);
    for (const user of [admin, bot, person]) user.ws.close();
  });
});

describe("remote bot login", () => {
  const open = useServer({
    config: { rate_limits: GENEROUS_RATE_LIMITS, bots: { remote_login_password: REMOTE_PASSWORD } },
  });
  const allowed = useServer({
    config: {
      rate_limits: GENEROUS_RATE_LIMITS,
      bots: { remote_login_password: REMOTE_PASSWORD, remote_login_allowed: ["::1", "127.0.0.0/8"] },
    },
  });
  const elsewhere = useServer({
    config: {
      rate_limits: GENEROUS_RATE_LIMITS,
      bots: { remote_login_password: REMOTE_PASSWORD, remote_login_allowed: ["10.0.0.0/8", "203.0.113.7"] },
    },
  });

  test("with the password a bot account signs in from an allowed address; a wrong password or a person's account is 401", async () => {
    for (const { server } of [open, allowed]) {
      const botId = await registerBot(server);
      const reply = await remoteLogin(server, botId);
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      const bot = await connect(server, reply.body as unknown as Tokens, { kind: "bot" });
      expect(bot.welcome).toMatchObject({ account_id: botId });
      bot.ws.close();
      expectError(await remoteLogin(server, botId, "not the password"), 401, "invalid_credentials");
      const person = await signUp(server);
      expectError(await remoteLogin(server, person.accountId), 401, "invalid_credentials");
      person.ws.close();
    }
  });

  test("from an address not allowed it is 404, exactly like an unknown route, even with the right password", async () => {
    const { server } = elsewhere;
    const botId = await registerBot(server);
    const missing = await unknownRoute(server);
    expect(await remoteLogin(server, botId)).toMatchObject({ status: 404, body: missing.body });
  });
});
