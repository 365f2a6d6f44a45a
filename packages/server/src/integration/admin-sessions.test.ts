import Database from "better-sqlite3";
import { createHash } from "node:crypto";
import { join } from "node:path";
import type { AdminAccountView, SessionsEndedResponse } from "@venus/model";
import { beforeAll, describe, expect, test } from "vitest";
import { expectError, getState } from "../testing/account-flow.js";
import { adminView, runDailyTask } from "../testing/admin-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { request } from "../testing/http-client.js";
import { as, createProfileUser, type ProfileUser } from "../testing/profile-flow.js";
import { useServer } from "../testing/server-fixture.js";
import {
  PASSWORD,
  connect,
  login,
  register,
  signUp,
  type SignedIn,
  type Tokens,
} from "../testing/sign-in.js";
import { startServer } from "../testing/spawn-server.js";

const ROOT_EMAIL = "session-admin@example.com";
const config = { admin: { grant_email: ROOT_EMAIL }, rate_limits: GENEROUS_RATE_LIMITS };
const fixture = useServer({ config });

let root: ProfileUser;
beforeAll(async () => {
  root = await createProfileUser(fixture.server, { email: ROOT_EMAIL, name: "Root" });
});

const refresh = (server: { url: string }, refreshToken: string) =>
  request<Tokens>(server.url, "POST", "/account/refresh", { body: { refresh_token: refreshToken } });
const loginAs = (email: string, password = PASSWORD) =>
  request(fixture.server.url, "POST", "/account/login", { body: { email, password } });

/** The socket is told `reason` and then closed with 4004 and the same reason. */
async function expectEnded(user: SignedIn, reason: string): Promise<void> {
  expect(await user.ws.take((f) => f.type === "disconnect")).toEqual({ type: "disconnect", reason });
  expect(await user.ws.closed).toEqual({ code: 4004, reason });
}

describe("logging an account out", () => {
  test("ends every session and closes every socket at once", async () => {
    const email = await register(fixture.server);
    const web = await connect(fixture.server, await login(fixture.server, email), { kind: "web" });
    const ios = await connect(fixture.server, await login(fixture.server, email), { kind: "ios" });
    expect((await adminView(fixture.server, root, web.accountId)).sessions).toBe(2);

    const reply = await as(fixture.server, root).post<SessionsEndedResponse>(
      `/admin/accounts/${web.accountId}/logout`,
    );
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body).toEqual({ sessions_ended: 2 });
    await Promise.all([expectEnded(web, "logged_out_by_admin"), expectEnded(ios, "logged_out_by_admin")]);
    for (const user of [web, ios]) {
      expectError(await refresh(fixture.server, user.refreshToken), 401, "invalid_token");
      expectError(await getState(fixture.server, user.accessToken), 401, "invalid_token");
    }
    expect((await adminView(fixture.server, root, web.accountId)).sessions).toBe(0);
    const again = await as(fixture.server, root).post(`/admin/accounts/${web.accountId}/logout`);
    expect(again.body).toEqual({ sessions_ended: 0 });
    expect((await loginAs(email)).status).toBe(200);
  });
});

describe("locking an account", () => {
  test("refuses every login the same way whatever the password and logs the account out", async () => {
    const user = await signUp(fixture.server);
    const locked = await as(fixture.server, root).post<AdminAccountView>(
      `/admin/accounts/${user.accountId}/lock`,
    );
    expect(locked.status, JSON.stringify(locked.body)).toBe(200);
    expect(locked.body).toMatchObject({ locked: true, sessions: 0, state: "initial_setup" });
    await expectEnded(user, "account_locked");
    expectError(await refresh(fixture.server, user.refreshToken), 401, "invalid_token");
    expectError(await loginAs(user.email), 403, "account_locked");
    expectError(await loginAs(user.email, "a wrong password"), 403, "account_locked");
    expectError(await loginAs("nobody-locked@example.com", "a wrong password"), 401, "invalid_credentials");
    expectError(
      await as(fixture.server, root).post(`/admin/accounts/${root.accountId}/lock`),
      409,
      "cannot_act_on_self",
    );

    const unlocked = await as(fixture.server, root).post<AdminAccountView>(
      `/admin/accounts/${user.accountId}/unlock`,
    );
    expect(unlocked.body).toMatchObject({ locked: false });
    expect((await loginAs(user.email)).status).toBe(200);
  });
});

const DAY_MS = 86_400_000;
const INACTIVE_DAYS = 30;
const sha256 = (token: string) => createHash("sha256").update(token).digest();

describe("inactive sessions", () => {
  test("the daily task ends sessions unused for longer than account.inactive_logout_days; locks survive a restart", async () => {
    const first = await startServer({
      config: { ...config, account: { inactive_logout_days: INACTIVE_DAYS } },
    });
    let server = first;
    try {
      const admin = await createProfileUser(first, { email: ROOT_EMAIL, name: "Root" });
      const email = await register(first);
      const stale = await login(first, email);
      const edge = await login(first, email);
      const fresh = await connect(first, await login(first, email));
      const lockedUser = await signUp(first);
      expect((await as(first, admin).post(`/admin/accounts/${lockedUser.accountId}/lock`)).status).toBe(200);
      fresh.ws.close();
      admin.ws.close();
      expect(await first.stop()).toBe(0);

      // As if the device had not been used for a while: one just past the limit, one just inside.
      const db = new Database(join(first.dataDir, "data", "account.sqlite"));
      const setLastUsed = db.prepare("UPDATE session SET last_used_at = ? WHERE refresh_hash = ?");
      const now = Date.now();
      setLastUsed.run(now - INACTIVE_DAYS * DAY_MS - 60_000, sha256(stale.refresh_token));
      setLastUsed.run(now - INACTIVE_DAYS * DAY_MS + 60_000, sha256(edge.refresh_token));
      db.close();

      server = await startServer({
        config: { ...config, account: { inactive_logout_days: INACTIVE_DAYS } },
        dataDir: first.dataDir,
      });
      const adminAgain = await connect(server, {
        account_id: admin.accountId,
        access_token: admin.accessToken,
        refresh_token: admin.refreshToken,
      });
      expect(await runDailyTask(server, adminAgain)).toMatchObject({ sessions_logged_out: 1 });
      expectError(await refresh(server, stale.refresh_token), 401, "invalid_token");
      expect((await refresh(server, edge.refresh_token)).status).toBe(200);
      expect((await refresh(server, fresh.refreshToken)).status).toBe(200);
      expect(await runDailyTask(server, adminAgain)).toMatchObject({ sessions_logged_out: 0 });

      const relogin = await request(server.url, "POST", "/account/login", {
        body: { email: lockedUser.email, password: PASSWORD },
      });
      expectError(relogin, 403, "account_locked");
      adminAgain.ws.close();
    } finally {
      await server.stop();
      server.cleanup();
    }
  });
});
