import { describe, expect, test } from "vitest";
import { completeSetup, expectError } from "../testing/account-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { request } from "../testing/http-client.js";
import { useServer } from "../testing/server-fixture.js";
import { signUp, type SignedIn } from "../testing/sign-in.js";

const ADMIN_EMAIL = "stats-admin@example.com";
const fixture = useServer({
  config: {
    rate_limits: GENEROUS_RATE_LIMITS,
    admin: { grant_email: ADMIN_EMAIL },
    profile: { favorites_max: 2 },
  },
});

async function member(visibility: "public" | "private", email?: string): Promise<SignedIn> {
  const user = await signUp(fixture.server, email ? { email } : {});
  await completeSetup(fixture.server, user);
  const set = await request(fixture.server.url, "PUT", "/profile/visibility", {
    token: user.accessToken,
    body: { visibility },
  });
  expect(set.status).toBe(200);
  return user;
}

const call = (user: SignedIn, method: string, path: string) =>
  request(fixture.server.url, method, path, { token: user.accessToken });

describe("favorites", () => {
  test("visible profiles only, at most favorites_max, removable once", async () => {
    const owner = await member("public");
    const [a, b, c] = [await member("public"), await member("public"), await member("public")];
    const hidden = await member("private");
    expect((await call(owner, "PUT", `/profile/favorites/${a.accountId}`)).body).toEqual({
      account_ids: [a.accountId],
    });
    expect((await call(owner, "PUT", `/profile/favorites/${a.accountId}`)).body).toEqual({
      account_ids: [a.accountId],
    });
    expectError(await call(owner, "PUT", `/profile/favorites/${hidden.accountId}`), 404, "not_found");
    expectError(await call(owner, "PUT", `/profile/favorites/${owner.accountId}`), 404, "not_found");
    expect((await call(owner, "PUT", `/profile/favorites/${b.accountId}`)).status).toBe(200);
    expectError(await call(owner, "PUT", `/profile/favorites/${c.accountId}`), 409, "favorites_full");
    expect((await call(owner, "GET", "/profile/favorites")).body).toEqual({
      account_ids: [a.accountId, b.accountId],
    });
    expect((await call(owner, "DELETE", `/profile/favorites/${a.accountId}`)).body).toEqual({
      account_ids: [b.accountId],
    });
    expectError(await call(owner, "DELETE", `/profile/favorites/${a.accountId}`), 404, "not_found");
    expect((await call(owner, "PUT", `/profile/favorites/${c.accountId}`)).status).toBe(200);
  });
});

describe("statistics and the daily task", () => {
  test("users see public counts; admins also private ones and the daily history", async () => {
    const admin = await member("private", ADMIN_EMAIL);
    const user = await member("public");
    const shown = await call(user, "GET", "/profile/statistics");
    expect(shown.status).toBe(200);
    const body = shown.body as { public: { total: number; woman: number[] }; private?: unknown };
    expect(body.private).toBeUndefined();
    expect(body.public.total).toBeGreaterThanOrEqual(1);
    expect(body.public.woman).toHaveLength(82);
    expectError(await call(user, "GET", "/admin/profile/statistics"), 403, "forbidden");
    expectError(await call(user, "POST", "/admin/daily_task/run"), 403, "forbidden");

    const full = await call(admin, "GET", "/admin/profile/statistics");
    expect((full.body as { private: { total: number } }).private.total).toBeGreaterThanOrEqual(1);
    expect((await call(admin, "POST", "/admin/daily_task/run")).body).toMatchObject({
      ages_changed: 0,
      content_purged: 0,
    });
    const history = await call(admin, "GET", "/admin/profile/statistics/history");
    const days = (history.body as { days: { day: string; statistics: { public: { total: number } } }[] })
      .days;
    expect(days.at(-1)?.day).toBe(new Date().toISOString().slice(0, 10));
    expect(days.at(-1)?.statistics.public.total).toBeGreaterThanOrEqual(1);
  });
});
