import { randomUUID } from "node:crypto";
import { HttpApi, StatisticsMethods } from "@venus/bot-client";
import type { HourlyStatistics } from "@venus/model";
import { describe, expect, test } from "vitest";
import { completeSetup, expectError } from "../testing/account-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { request } from "../testing/http-client.js";
import { useServer } from "../testing/server-fixture.js";
import { connect, login, signUp, type SignedIn } from "../testing/sign-in.js";
import { startServer } from "../testing/spawn-server.js";

const HOUR_MS = 3_600_000;
const ADMIN_EMAIL = "statistics-admin@example.com";
const CONFIG = {
  rate_limits: GENEROUS_RATE_LIMITS,
  admin: { grant_email: ADMIN_EMAIL },
  http: { trusted_proxies: ["127.0.0.1", "::1"] },
  statistics: { sample_seconds: 1, max_hours_per_request: 3, account_history_days: 3, max_ip_addresses: 2 },
};
const fixture = useServer({ config: CONFIG });

const call = (user: SignedIn, method: string, path: string) =>
  request(fixture.server.url, method, path, { token: user.accessToken });
const statistics = (url: string, user: SignedIn) =>
  new StatisticsMethods(new HttpApi(url, { accessToken: user.accessToken }));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const hourOf = (time: number) => time - (time % HOUR_MS);

/** The stored hours since `since` added up (a test may straddle an hour boundary). */
function addUp(hours: HourlyStatistics[]) {
  const byRoute: Record<string, number> = {};
  for (const hour of hours)
    for (const [route, count] of Object.entries(hour.requests.by_route))
      byRoute[route] = (byRoute[route] ?? 0) + count;
  return {
    samples: hours.reduce((sum, h) => sum + h.samples, 0),
    clientsMax: Math.max(...hours.map((h) => h.clients.max)),
    onlineMax: Math.max(...hours.map((h) => h.online_accounts)),
    accounts: hours.at(-1)?.accounts,
    byRoute,
  };
}

async function admin(url = fixture.server.url, wsUrl = fixture.server.wsUrl): Promise<SignedIn> {
  const signedIn = await signUp({ url, wsUrl }, { email: ADMIN_EMAIL });
  await completeSetup({ url }, signedIn);
  return signedIn;
}

async function botAccount(server: { url: string; wsUrl: string; botUrl: string }): Promise<SignedIn> {
  const registered = await request<{ account_id: string }>(server.botUrl, "POST", "/bot/register", {
    body: {},
  });
  expect(registered.status).toBe(201);
  const tokens = await request<{ account_id: string; access_token: string; refresh_token: string }>(
    server.botUrl,
    "POST",
    "/bot/login",
    { body: { account_id: registered.body.account_id } },
  );
  return connect(server, tokens.body);
}

let boss: SignedIn;

describe("hourly statistics", () => {
  test("an hour holds clients and online accounts without bots, accounts, and requests by route", async () => {
    const since = Date.now();
    boss = await admin();
    const user = await signUp(fixture.server);
    // Left out: the user's second device connecting as kind bot, and a bot account whatever its kind.
    await connect(fixture.server, await login(fixture.server, user.email), { kind: "bot" });
    await botAccount(fixture.server);
    const admins = statistics(fixture.server.url, boss);
    await admins.storeHour();
    await pause(1500);
    expect((await call(user, "GET", "/account/state")).status).toBe(200);
    expect((await call(user, "GET", "/account/state")).status).toBe(200);
    user.ws.send({
      type: "request",
      id: "t1",
      method: "chat.typing",
      body: { account_id: randomUUID(), typing: true },
    });
    expect(await user.ws.take((frame) => frame.type === "response")).toMatchObject({ id: "t1" });
    expect((await admins.storeHour()).hours_stored).toBeGreaterThanOrEqual(1);

    const { hours } = await admins.history({
      from: new Date(hourOf(since)),
      to: new Date(hourOf(since) + 2 * HOUR_MS),
    });
    const total = addUp(hours);
    expect(total.samples).toBeGreaterThanOrEqual(2);
    expect(total.clientsMax).toBe(2);
    expect(total.onlineMax).toBe(2);
    expect(total.accounts).toBe(2);
    expect(total.byRoute["GET /account/state"]).toBe(2);
    expect(total.byRoute["WS chat.typing"]).toBe(1);
    // A store counts itself before it stores the hour.
    expect(total.byRoute["POST /admin/statistics/store_hour"]).toBe(2);
    expect(total.byRoute["POST /account/login"]).toBeGreaterThanOrEqual(2);
    for (const hour of hours) {
      expect(hour.requests.total).toBe(Object.values(hour.requests.by_route).reduce((a, b) => a + b, 0));
      expect(hour.clients.average).toBeLessThanOrEqual(hour.clients.max);
    }
  });

  test("a range spans at most statistics.max_hours_per_request hours; bad times are refused", async () => {
    const hour = hourOf(Date.now());
    const history = (query: string) => call(boss, "GET", `/admin/statistics/history?${query}`);
    const at = (ms: number) => new Date(ms).toISOString();
    const ok = await history(`from=${at(hour - 2 * HOUR_MS)}&to=${at(hour + HOUR_MS)}`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ from: hour - 2 * HOUR_MS, to: hour + HOUR_MS });
    expectError(
      await history(`from=${at(hour - 2 * HOUR_MS)}&to=${at(hour + HOUR_MS + 1)}`),
      400,
      "range_too_long",
    );
    expectError(await history(`from=${at(hour)}&to=${at(hour - 1)}`), 400, "validation_failed");
    expectError(await history("from=yesterday"), 400, "validation_failed");
    expectError(await history("to=2026-13-45T00:00:00Z"), 400, "validation_failed");
    expect((await history("")).body).toMatchObject({ hours: expect.any(Array) });
    expect((await history("from=2026-01-01&to=2026-01-01T03:00:00Z")).status).toBe(200);
  });

  test("every route needs its permission", async () => {
    const user = await signUp(fixture.server);
    const paths = [
      "/admin/statistics/history",
      `/admin/accounts/${user.accountId}/api_usage`,
      `/admin/accounts/${user.accountId}/ip_history`,
    ];
    for (const path of paths) expectError(await call(user, "GET", path), 403, "forbidden");
    expectError(await call(user, "POST", "/admin/statistics/store_hour"), 403, "forbidden");

    const viewer = await signUp(fixture.server);
    const set = await request(fixture.server.url, "PUT", `/admin/accounts/${viewer.accountId}/permissions`, {
      token: boss.accessToken,
      body: { permissions: ["view_statistics"] },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    for (const path of paths) expect((await call(viewer, "GET", path)).status).toBe(200);
    expectError(await call(viewer, "POST", "/admin/statistics/store_hour"), 403, "forbidden");
  });
});

test("/openapi.json documents the routes", async () => {
  const doc = await request<{ paths: Record<string, unknown> }>(fixture.server.url, "GET", "/openapi.json");
  expect(Object.keys(doc.body.paths)).toEqual(
    expect.arrayContaining([
      "/admin/statistics/history",
      "/admin/statistics/store_hour",
      "/admin/accounts/{account_id}/api_usage",
      "/admin/accounts/{account_id}/ip_history",
    ]),
  );
});

describe("per-account API usage and addresses", () => {
  test("requests per UTC day, HTTP and WebSocket, for 1 to statistics.account_history_days days", async () => {
    const user = await signUp(fixture.server);
    for (let i = 0; i < 3; i++) expect((await call(user, "GET", "/account/state")).status).toBe(200);
    user.ws.send({
      type: "request",
      id: "u1",
      method: "chat.typing",
      body: { account_id: randomUUID(), typing: true },
    });
    await user.ws.take((frame) => frame.type === "response");
    const today = new Date().toISOString().slice(0, 10);
    const usage = await statistics(fixture.server.url, boss).apiUsage(user.accountId, 1);
    expect(usage).toEqual({ account_id: user.accountId, days: [{ day: today, requests: 4 }], total: 4 });
    const all = await call(boss, "GET", `/admin/accounts/${user.accountId}/api_usage`);
    expect((all.body as { days: unknown[] }).days).toHaveLength(3);
    expect((await call(boss, "GET", `/admin/accounts/${user.accountId}/api_usage?days=3`)).status).toBe(200);
    for (const days of ["4", "0", "two", "-1"])
      expectError(
        await call(boss, "GET", `/admin/accounts/${user.accountId}/api_usage?days=${days}`),
        400,
        "validation_failed",
      );
    expectError(await call(boss, "GET", `/admin/accounts/${randomUUID()}/api_usage`), 404, "not_found");
  });

  test("addresses from login, refresh and WebSocket connect, most recent first, at most max_ip_addresses", async () => {
    const user = await signUp(fixture.server);
    const from = (address: string) => ({ "x-forwarded-for": address });
    const loginFrom = async (address: string) => {
      const reply = await request<{ refresh_token: string }>(fixture.server.url, "POST", "/account/login", {
        body: { email: user.email, password: "correct horse battery staple" },
        headers: from(address),
      });
      expect(reply.status).toBe(200);
      return reply.body.refresh_token;
    };
    await loginFrom("10.1.0.1");
    const refreshToken = await loginFrom("10.1.0.2");
    const refreshed = await request(fixture.server.url, "POST", "/account/refresh", {
      body: { refresh_token: refreshToken },
      headers: from("10.1.0.3"),
    });
    expect(refreshed.status).toBe(200);
    const history = await statistics(fixture.server.url, boss).ipHistory(user.accountId);
    expect(history.total).toBe(4);
    expect(history.addresses.map((a) => a.address)).toEqual(["10.1.0.3", "10.1.0.2"]);
    expect(history.addresses[0]).toMatchObject({ count: 1 });
    expect(history.addresses[0]?.first_seen).toBe(history.addresses[0]?.last_seen);
    expectError(await call(boss, "GET", `/admin/accounts/${randomUUID()}/ip_history`), 404, "not_found");
  });

  test("the daily task reports what it pruned", async () => {
    const report = await call(boss, "POST", "/admin/daily_task/run");
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ history_pruned: 0 });
  });
});

test("a graceful restart keeps the hour so far, the usage and the addresses", async () => {
  const first = await startServer({ config: CONFIG });
  try {
    const since = Date.now();
    const user = await signUp(first);
    for (let i = 0; i < 2; i++)
      expect((await request(first.url, "GET", "/account/state", { token: user.accessToken })).status).toBe(
        200,
      );
    expect(await first.stop()).toBe(0);
    const second = await startServer({ config: CONFIG, dataDir: first.dataDir });
    try {
      const boss = await admin(second.url, second.wsUrl);
      const admins = statistics(second.url, boss);
      const { hours } = await admins.history({
        from: new Date(hourOf(since)),
        to: new Date(hourOf(since) + 2 * HOUR_MS),
      });
      expect(addUp(hours).byRoute["GET /account/state"]).toBe(2);
      expect((await admins.apiUsage(user.accountId, 1)).total).toBe(2);
      expect((await admins.ipHistory(user.accountId)).addresses).toMatchObject([
        { address: "127.0.0.1", count: 2 },
      ]);
    } finally {
      await second.stop();
    }
  } finally {
    await first.stop();
    first.cleanup();
  }
});
