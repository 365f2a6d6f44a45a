import { VenusClient } from "@venus/bot-client";
import type { AccountStateResponse, AdminAccountView, AuditPage, MatchesPage } from "@venus/model";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { expectError, getState } from "../testing/account-flow.js";
import { pathsNaming, rowsNaming } from "../testing/account-leftovers.js";
import { adminWith, runDailyTask } from "../testing/admin-flow.js";
import { nextEvent, sendRequest } from "../testing/chat-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { deletionWorld, type DeletionWorld } from "../testing/deletion-world.js";
import { request } from "../testing/http-client.js";
import {
  as,
  createProfileUser,
  region,
  sleep,
  wsRequest,
  type ProfileUser,
} from "../testing/profile-flow.js";
import { expectBackEverywhere, expectHiddenEverywhere, hidingWorld } from "../testing/hidden-account.js";
import { useServer } from "../testing/server-fixture.js";
import { PASSWORD, signUp, uniqueEmail } from "../testing/sign-in.js";
import { startServer, type RunningServer } from "../testing/spawn-server.js";

const ROOT_EMAIL = "deletion-root@example.com";
const DAY_MS = 86_400_000;

const config = (deletionWaitDays: number) => ({
  admin: { grant_email: ROOT_EMAIL },
  rate_limits: GENEROUS_RATE_LIMITS,
  account: { deletion_wait_days: deletionWaitDays },
  // Waits of a day and less: no deletion reminder (push-deletion-reminder.test.ts has those).
  push: { deletion_reminder_seconds: 0 },
});

const fixture = useServer({ config: config(1) });

let root: ProfileUser;
beforeAll(async () => {
  root = await createProfileUser(fixture.server, { email: ROOT_EMAIL, name: "Root" });
});

type Server = { url: string; wsUrl: string };

const askDeletion = (server: Server, user: { accessToken: string }, body: object = { password: PASSWORD }) =>
  as(server, user).post<AccountStateResponse>("/account/delete", body);

const stateEvent = (user: { ws: ProfileUser["ws"] }) =>
  user.ws.take((f) => f.type === "event" && f.event === "account_state_changed");

const disconnected = (user: { ws: ProfileUser["ws"] }) =>
  user.ws.take((f) => f.type === "disconnect", 10_000);

const loginStatus = async (server: Server, email: string) =>
  (await request(server.url, "POST", "/account/login", { body: { email, password: PASSWORD } })).status;

/** Nothing of the deleted account is left; the accounts it knew are intact and no longer list it. */
async function expectGone(server: RunningServer, world: DeletionWorld): Promise<void> {
  const { target, match, fan } = world;
  expect(await rowsNaming(server, target.accountId)).toEqual([]);
  expect(await pathsNaming(server, target.accountId)).toEqual([]);
  expect(await loginStatus(server, target.email)).toBe(401);
  for (const other of [match, fan]) {
    expect((await rowsNaming(server, other.accountId)).length).toBeGreaterThan(0);
    expect(await loginStatus(server, other.email)).toBe(200);
  }
}

/** The others' own lists no longer name the deleted account (checked while the server runs). */
async function expectForgottenByOthers(server: Server, world: DeletionWorld): Promise<void> {
  const matches = await as(server, world.match).get<MatchesPage>("/chat/matches");
  expect(matches.body.matches.map((m) => m.account_id)).not.toContain(world.target.accountId);
  const favorites = await as(server, world.fan).get<{ account_ids: string[] }>("/profile/favorites");
  expect(favorites.body.account_ids).not.toContain(world.target.accountId);
}

describe("asking for deletion", () => {
  test("hides the account everywhere at once; the owner can still cancel, and then it is back", async () => {
    const world = await hidingWorld(fixture.server);
    const { match: a, hidden: b } = world;

    expectError(await askDeletion(fixture.server, b, {}), 400, "validation_failed");
    expectError(
      await askDeletion(fixture.server, b, { password: "not the password" }),
      403,
      "wrong_password",
    );
    const asked = Date.now();
    const pending = await askDeletion(fixture.server, b);
    expect(pending.status, JSON.stringify(pending.body)).toBe(200);
    expect(pending.body).toMatchObject({ state: "pending_deletion", deletion: { at: expect.any(String) } });
    const at = Date.parse(pending.body.deletion?.at ?? "");
    expect(at).toBeGreaterThanOrEqual(asked + DAY_MS);
    expect(at).toBeLessThanOrEqual(Date.now() + DAY_MS);
    expect((await stateEvent(b)).data).toEqual(pending.body);
    expect((await getState(fixture.server, b.accessToken)).body).toEqual(pending.body);
    const view = await as(fixture.server, root).get<AdminAccountView>(`/admin/accounts/${b.accountId}`);
    expect(view.body).toMatchObject({ state: "pending_deletion", deletion: pending.body.deletion });

    await expectHiddenEverywhere(fixture.server, world);

    // The account keeps only its own account routes; it can log in, so it can cancel.
    expectError(await as(fixture.server, b).get("/profile/me"), 403, "account_pending_deletion");
    const overSocket = await wsRequest(b.ws, "chat.send", sendRequest(b, a, "over the socket"));
    expect(overSocket.body).toMatchObject({ error: { code: "account_pending_deletion" } });
    expect(await loginStatus(fixture.server, b.email)).toBe(200);
    expectError(await askDeletion(fixture.server, b), 409, "invalid_state");

    const kept = await as(fixture.server, b).post<AccountStateResponse>("/account/delete/cancel");
    expect(kept.status, JSON.stringify(kept.body)).toBe(200);
    expect(kept.body).toEqual({ state: "normal", permissions: [], sync_version: expect.any(Number) });
    expect((await stateEvent(b)).data).toEqual(kept.body);
    expectError(await as(fixture.server, b).post("/account/delete/cancel"), 409, "invalid_state");
    await expectBackEverywhere(fixture.server, world);
    for (const user of Object.values(world)) user.ws.close();
  });

  test("an account in setup gets back to setup; a banned one cannot ask", async () => {
    const user = await signUp(fixture.server);
    expect((await askDeletion(fixture.server, user)).body).toMatchObject({ state: "pending_deletion" });
    const kept = await as(fixture.server, user).post<AccountStateResponse>("/account/delete/cancel");
    expect(kept.body.state).toBe("initial_setup");
    const ban = await as(fixture.server, root).post(`/admin/accounts/${user.accountId}/ban`, {
      reason: "Spam",
    });
    expect(ban.status).toBe(200);
    expectError(await askDeletion(fixture.server, user), 409, "invalid_state");
    user.ws.close();
  });
});

describe("deleting now (admin)", () => {
  test("needs the delete permission, an existing account, and not the admin's own", async () => {
    const user = await signUp(fixture.server);
    const banner = await adminWith(fixture.server, root, ["ban"]);
    const deleter = await adminWith(fixture.server, root, ["delete"]);
    const remove = (admin: { accessToken: string }, id: string) =>
      as(fixture.server, admin).post(`/admin/accounts/${id}/delete`);
    expectError(await remove(banner, user.accountId), 403, "forbidden");
    expectError(await remove(deleter, "00000000-0000-4000-8000-000000000000"), 404, "not_found");
    expectError(await remove(deleter, deleter.accountId), 409, "cannot_act_on_self");
    expect((await getState(fixture.server, user.accessToken)).status).toBe(200);
    for (const who of [user, banner, deleter]) who.ws.close();
  });

  test("removes every row and file of the account at once; the audit log keeps the action", async () => {
    const world = await deletionWorld(fixture.server, root, region(4));
    const { target } = world;
    const reply = await as(fixture.server, root).post(`/admin/accounts/${target.accountId}/delete`);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body).toEqual({ account_id: target.accountId, deleted: true });
    expect(await disconnected(target)).toEqual({ type: "disconnect", reason: "account_deleted" });
    expectError(await getState(fixture.server, target.accessToken), 401, "invalid_token");
    await expectForgottenByOthers(fixture.server, world);
    await expectGone(fixture.server, world);
    const audit = await as(fixture.server, root).get<AuditPage>(
      `/admin/audit?account_id=${target.accountId}`,
    );
    expect(audit.body.items.map((item) => item.action)).toContain("POST /admin/accounts/:account_id/delete");
    // The email is free again: a new account, with nothing of the old one.
    const again = await request(fixture.server.url, "POST", "/account/register", {
      body: { email: target.email, password: PASSWORD },
    });
    expect(again.status).toBe(201);
    expect(again.body).not.toEqual({ account_id: target.accountId });
  }, 60_000);
});

describe("through the typed client", () => {
  test("ask and cancel, export once, and an admin deletes the account", async () => {
    const email = uniqueEmail("deletion-client");
    const client = await VenusClient.signUp(fixture.server.url, email, PASSWORD);
    await expect(client.account.requestDeletion("wrong password")).rejects.toMatchObject({
      status: 403,
      code: "wrong_password",
    });
    expect(await client.account.requestDeletion(PASSWORD)).toMatchObject({ state: "pending_deletion" });
    const changed = await client.next("account_state_changed", { predicate: (data) => data !== undefined });
    expect(changed?.deletion).toBeDefined();
    expect((await client.account.cancelDeletion()).state).toBe("initial_setup");
    expect((await client.account.requestExport()).state).toBe("building");
    await client.next("data_export_ready");
    expect((await client.account.exportStatus()).state).toBe("ready");
    expect((await client.account.downloadExport()).subarray(0, 2).toString()).toBe("PK");
    await expect(client.account.downloadExport()).rejects.toMatchObject({ status: 404, code: "not_found" });

    const admin = await VenusClient.signIn(fixture.server.url, ROOT_EMAIL, PASSWORD);
    expect(await admin.admin.deleteAccount(client.accountId)).toEqual({
      account_id: client.accountId,
      deleted: true,
    });
    expect((await client.lastSocket?.closed)?.disconnect).toBe("account_deleted");
    await admin.close();
  });
});

describe("the wait", () => {
  const WAIT_MS = 4000;
  let server: RunningServer;
  let admin: ProfileUser;
  beforeAll(async () => {
    server = await startServer({ config: config(WAIT_MS / DAY_MS) });
    admin = await createProfileUser(server, { email: ROOT_EMAIL, name: "Root" });
  });
  afterAll(async () => {
    await server?.stop();
    server?.cleanup();
  });

  test("the daily task deletes an account once its wait is over, leaving no row or file", async () => {
    const world = await deletionWorld(server, admin);
    const { target } = world;
    const exported = await as(server, target).post("/account/export");
    expect(exported.status, JSON.stringify(exported.body)).toBe(202);
    await nextEvent(target, "data_export_ready");
    expect((await pathsNaming(server, target.accountId)).some((p) => p.startsWith("exports/"))).toBe(true);

    const pending = await askDeletion(server, target);
    expect(pending.status, JSON.stringify(pending.body)).toBe(200);
    const at = Date.parse(pending.body.deletion?.at ?? "");
    expect((await runDailyTask(server, admin)).accounts_deleted).toBe(0);
    expect((await getState(server, target.accessToken)).body.state).toBe("pending_deletion");

    // At its time the wait is over: no more cancelling, and the next daily task deletes it.
    await sleep(Math.max(0, at - Date.now()) + 50);
    expectError(await as(server, target).post("/account/delete/cancel"), 409, "invalid_state");
    expect((await runDailyTask(server, admin)).accounts_deleted).toBe(1);
    expect(await disconnected(target)).toEqual({ type: "disconnect", reason: "account_deleted" });
    expect((await runDailyTask(server, admin)).accounts_deleted).toBe(0);
    await expectForgottenByOthers(server, world);
    await expectGone(server, world);
  }, 60_000);
});

describe("crash safety", () => {
  const PAUSE_MS = 2000;

  /** The deletion is killed (-9) right after `step` committed; start-up must finish it. */
  test.each(["marked", "media"])(
    "a kill -9 after the %s step: start-up finishes the deletion",
    async (step) => {
      const env = { TEST_VENUS_DELETION_STEP_PAUSE_MS: String(PAUSE_MS) };
      const first = await startServer({ config: config(1), env });
      const admin = await createProfileUser(first, { email: ROOT_EMAIL, name: "Root" });
      const world = await deletionWorld(first, admin);
      const deleting = as(first, admin).post(`/admin/accounts/${world.target.accountId}/delete`);
      deleting.catch(() => undefined);
      await vi.waitFor(
        () => expect(first.output.some((line) => line.includes(`"step":"${step}"`))).toBe(true),
        { timeout: 20_000, interval: 20 },
      );
      expect(await first.stop("SIGKILL")).toBe("SIGKILL");
      // Not finished: the step after this one never ran, so rows of the account are still there.
      expect((await rowsNaming(first, world.target.accountId)).length).toBeGreaterThan(0);

      const second = await startServer({ config: config(1), dataDir: first.dataDir });
      try {
        const finished = second.output.findIndex((line) => line.includes("finished account deletions"));
        const listening = second.output.findIndex((line) => line.includes('"msg":"listening"'));
        expect(finished).toBeGreaterThanOrEqual(0);
        expect(finished).toBeLessThan(listening);
        await expectGone(second, world);
      } finally {
        await second.stop();
        second.cleanup();
      }
    },
    90_000,
  );
});
