import { BotLogin, HttpApi, VenusClient, refusal, type VenusApiError } from "@venus/bot-client";
import { afterAll, beforeAll, expect, test } from "vitest";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { startServer, type RunningServer } from "../testing/spawn-server.js";
import { PASSWORD, uniqueEmail } from "./steps/people.js";

/**
 * Remote bot login, played by a bot from this machine (127.0.0.1) against three real servers: one
 * with remote login off (no password configured), one that allows only 10.0.0.0/8, and one that
 * allows loopback. Refusals must look exactly like a route that does not exist.
 */

const REMOTE_PASSWORD = "the remote bots' long password";

const configs = {
  off: { rate_limits: GENEROUS_RATE_LIMITS },
  elsewhere: {
    rate_limits: GENEROUS_RATE_LIMITS,
    bots: { remote_login_password: REMOTE_PASSWORD, remote_login_allowed: ["10.0.0.0/8"] },
  },
  loopback: {
    rate_limits: GENEROUS_RATE_LIMITS,
    bots: { remote_login_password: REMOTE_PASSWORD, remote_login_allowed: ["127.0.0.0/8", "::1"] },
  },
};

let servers: Record<keyof typeof configs, RunningServer> | undefined;
const server = (name: keyof typeof configs): RunningServer => {
  if (!servers) throw new Error("the servers have not started");
  return servers[name];
};

beforeAll(async () => {
  const [off, elsewhere, loopback] = await Promise.all(
    [configs.off, configs.elsewhere, configs.loopback].map((config) => startServer({ config })),
  );
  servers = { off: off!, elsewhere: elsewhere!, loopback: loopback! };
});

afterAll(async () => {
  for (const running of Object.values(servers ?? {})) {
    await running.stop();
    running.cleanup();
  }
});

/** How the public port answers a route that does not exist: what every refusal must look like. */
async function unknownRoute(url: string): Promise<VenusApiError> {
  return refusal(new HttpApi(url).post("/bot/no_such_route", {}), "not_found");
}

const sameAs = (error: VenusApiError) => ({ status: error.status, code: error.code, message: error.message });

test("remote login is off without a configured password: a 404 like an unknown route, even for a real bot", async () => {
  const { url, botUrl } = server("off");
  const { account_id } = await BotLogin.registerLocal(botUrl);
  const missing = sameAs(await unknownRoute(url));
  expect(missing.status).toBe(404);
  for (const password of [REMOTE_PASSWORD, "anything"])
    expect(sameAs(await refusal(BotLogin.remoteLogin(url, account_id, password)))).toEqual(missing);
  await expect(BotLogin.remoteClient(url, account_id, REMOTE_PASSWORD)).rejects.toMatchObject({
    status: 404,
    code: "not_found",
  });
});

test("from an address not allowed: a 404 like an unknown route, even with the right password", async () => {
  const { url, botUrl } = server("elsewhere");
  const { account_id } = await BotLogin.registerLocal(botUrl);
  const missing = sameAs(await unknownRoute(url));
  for (const password of [REMOTE_PASSWORD, "not the password"])
    expect(sameAs(await refusal(BotLogin.remoteLogin(url, account_id, password)))).toEqual(missing);
  // The same bot signs in locally without trouble: it is the address that is refused.
  const local = await BotLogin.localClient(url, botUrl, { accountId: account_id });
  expect((await local.account.state()).state).toBe("initial_setup");
  await local.close();
});

test("a malformed request while refused is the unknown route's 404 too, not a validation error", async () => {
  // docs/bots.md: "A refused address — and every caller while it is off — gets 404, the very answer
  // of an unknown route." An unknown route answers 404 whatever the body; so must a refused login.
  for (const name of ["off", "elsewhere"] as const) {
    const { url, botUrl } = server(name);
    const { account_id } = await BotLogin.registerLocal(botUrl);
    const missing = sameAs(await unknownRoute(url));
    const http = new HttpApi(url);
    for (const body of [{ account_id, password: "" }, { account_id }, { password: REMOTE_PASSWORD }])
      expect(
        sameAs(await refusal(http.post("/bot/remote_login", body))),
        `${name}: ${JSON.stringify(body)}`,
      ).toEqual(missing);
  }
});

test("from an allowed address with the password a bot signs in and uses the API; a wrong password or a person is 401", async () => {
  const { url, botUrl } = server("loopback");
  const { account_id } = await BotLogin.registerLocal(botUrl);

  const wrong = await refusal(
    BotLogin.remoteLogin(url, account_id, "not the password"),
    "invalid_credentials",
  );
  expect(wrong.status).toBe(401);
  const person = await VenusClient.signUp(url, uniqueEmail("remote"), PASSWORD);
  expect(
    (await refusal(BotLogin.remoteLogin(url, person.accountId, REMOTE_PASSWORD), "invalid_credentials"))
      .status,
  ).toBe(401);

  const bot = await BotLogin.remoteClient(url, account_id, REMOTE_PASSWORD);
  expect(bot.accountId).toBe(account_id);
  expect(bot.connected).toBe(true);
  expect(await bot.account.state()).toMatchObject({ state: "initial_setup", permissions: [] });
  // Each remote login is a session of its own, replacing nothing: a second bot session works too.
  const second = await BotLogin.remoteClient(url, account_id, REMOTE_PASSWORD);
  expect(second.accessToken).not.toBe(bot.accessToken);
  expect((await second.account.state()).state).toBe("initial_setup");
  for (const client of [bot, second, person]) await client.close();
});
