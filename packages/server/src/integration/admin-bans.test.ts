import type { AdminAccountView } from "@venus/model";
import { beforeAll, describe, expect, test } from "vitest";
import { expectError, getState } from "../testing/account-flow.js";
import { adminView, adminWith, runDailyTask } from "../testing/admin-flow.js";
import { send, sendRequest } from "../testing/chat-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import {
  NEAR,
  as,
  browseIds,
  createProfileUser,
  north,
  region,
  sleep,
  wsRequest,
  type ProfileUser,
} from "../testing/profile-flow.js";
import { expectBackEverywhere, expectHiddenEverywhere, hidingWorld } from "../testing/hidden-account.js";
import { useServer } from "../testing/server-fixture.js";
import { PASSWORD, signUp } from "../testing/sign-in.js";
import { request } from "../testing/http-client.js";

const ROOT_EMAIL = "ban-admin@example.com";
const REASON_MAX_BYTES = 20;

const fixture = useServer({
  config: {
    admin: { grant_email: ROOT_EMAIL, ban_reason_max_bytes: REASON_MAX_BYTES },
    rate_limits: GENEROUS_RATE_LIMITS,
  },
});

let root: ProfileUser;
beforeAll(async () => {
  root = await createProfileUser(fixture.server, { email: ROOT_EMAIL, name: "Root" });
});

const ban = (accountId: string, body: Record<string, unknown>) =>
  as(fixture.server, root).post<AdminAccountView>(`/admin/accounts/${accountId}/ban`, body);
const unban = (accountId: string) =>
  as(fixture.server, root).post<AdminAccountView>(`/admin/accounts/${accountId}/unban`);

async function expectOk<T>(pending: Promise<{ status: number; body: T }>): Promise<T> {
  const reply = await pending;
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
}

const stateEvent = (user: { ws: ProfileUser["ws"] }) =>
  user.ws.take((f) => f.type === "event" && f.event === "account_state_changed");

describe("banning", () => {
  test("hides the account everywhere at once, tells its devices why, and unbanning brings it back", async () => {
    const world = await hidingWorld(fixture.server);
    const { match: a, hidden: b } = world;
    const banned = await expectOk(ban(b.accountId, { reason: "  Fake profile ", until: null }));
    expect(banned).toMatchObject({ state: "banned", ban: { until: null, reason: "Fake profile" } });
    const event = await stateEvent(b);
    expect(event.data).toEqual({
      state: "banned",
      permissions: [],
      sync_version: expect.any(Number),
      ban: { until: null, reason: "Fake profile" },
    });
    expect((await getState(fixture.server, b.accessToken)).body).toEqual(event.data);

    await expectHiddenEverywhere(fixture.server, world);

    // The banned account keeps only its own account routes; login still works so it can read why.
    expectError(await as(fixture.server, b).get("/profile/me"), 403, "account_banned");
    expectError(await as(fixture.server, b).post("/profile/page/reset", {}), 403, "account_banned");
    expectError(await send(fixture.server, b, a, "let me in"), 403, "account_banned");
    const overSocket = await wsRequest(b.ws, "chat.send", sendRequest(b, a, "over the socket"));
    expect(overSocket.status).toBe(403);
    expect(overSocket.body).toMatchObject({ error: { code: "account_banned" } });
    const login = await request(fixture.server.url, "POST", "/account/login", {
      body: { email: b.email, password: PASSWORD },
    });
    expect(login.status).toBe(200);

    const lifted = await expectOk(unban(b.accountId));
    expect(lifted).toMatchObject({ state: "normal", ban: null });
    expect((await stateEvent(b)).data).toEqual({
      state: "normal",
      permissions: [],
      sync_version: expect.any(Number),
    });
    await expectBackEverywhere(fixture.server, world);
    for (const user of Object.values(world)) user.ws.close();
  });

  test("a banned admin loses the admin routes with the rest", async () => {
    const admin = await adminWith(fixture.server, root, ["view_accounts"]);
    expect((await as(fixture.server, admin).get(`/admin/accounts/${root.accountId}`)).status).toBe(200);
    await expectOk(ban(admin.accountId, { reason: "Rogue admin" }));
    expectError(
      await as(fixture.server, admin).get(`/admin/accounts/${root.accountId}`),
      403,
      "account_banned",
    );
    expect((await getState(fixture.server, admin.accessToken)).body.state).toBe("banned");
    admin.ws.close();
  });

  test("the reason and the end are checked; an admin cannot ban themself", async () => {
    const user = await signUp(fixture.server);
    const atLimit = "é".repeat(REASON_MAX_BYTES / 2);
    expectError(await ban(user.accountId, { reason: `${atLimit}x` }), 400, "validation_failed");
    expectError(await ban(user.accountId, { reason: "   " }), 400, "validation_failed");
    expectError(await ban(user.accountId, {}), 400, "validation_failed");
    expectError(await ban(user.accountId, { reason: "r", extra: 1 }), 400, "validation_failed");
    expectError(await ban(user.accountId, { reason: "r", until: "tomorrow" }), 400, "validation_failed");
    const past = new Date(Date.now() - 60_000).toISOString();
    expectError(await ban(user.accountId, { reason: "r", until: past }), 400, "validation_failed");
    expectError(await unban(user.accountId), 409, "invalid_state");
    expect((await getState(fixture.server, user.accessToken)).body.state).toBe("initial_setup");
    expectError(await ban(root.accountId, { reason: "oops" }), 409, "cannot_act_on_self");

    const banned = await expectOk(ban(user.accountId, { reason: atLimit }));
    expect(banned.ban).toEqual({ until: null, reason: atLimit });
    user.ws.close();
  });
});

describe("ban expiry", () => {
  test("the daily task lifts bans whose end has passed and restores the state before", async () => {
    const place = region(4);
    const viewer = await createProfileUser(fixture.server, {
      gender: "woman",
      wantedGenders: ["man"],
      location: place,
    });
    const inSetup = await signUp(fixture.server);
    const inUse = await createProfileUser(fixture.server, {
      gender: "man",
      wantedGenders: ["woman"],
      location: north(place, 3),
    });
    const forever = await signUp(fixture.server);
    const until = new Date(Date.now() + 1500).toISOString();

    // A changed ban keeps the state from before the first one.
    await expectOk(ban(inSetup.accountId, { reason: "First" }));
    await expectOk(ban(inSetup.accountId, { reason: "Second", until }));
    await expectOk(ban(inUse.accountId, { reason: "Timed", until }));
    await expectOk(ban(forever.accountId, { reason: "No end" }));
    expect((await adminView(fixture.server, root, inSetup.accountId)).ban).toEqual({
      until,
      reason: "Second",
    });
    expect(await browseIds(fixture.server, viewer, { filters: NEAR })).not.toContain(inUse.accountId);

    expect(await runDailyTask(fixture.server, root)).toMatchObject({ bans_lifted: 0 });
    expect((await getState(fixture.server, inSetup.accessToken)).body.state).toBe("banned");

    await sleep(Date.parse(until) - Date.now() + 50);
    expect(await runDailyTask(fixture.server, root)).toMatchObject({ bans_lifted: 2 });
    expect(await runDailyTask(fixture.server, root)).toMatchObject({ bans_lifted: 0 });

    expect((await getState(fixture.server, inSetup.accessToken)).body).toEqual({
      state: "initial_setup",
      permissions: [],
      sync_version: expect.any(Number),
    });
    await inSetup.ws.take(
      (f) => f.event === "account_state_changed" && (f.data as { state?: string }).state === "initial_setup",
    );
    expect((await getState(fixture.server, inUse.accessToken)).body.state).toBe("normal");
    expect((await adminView(fixture.server, root, inUse.accountId)).ban).toBeNull();
    expect((await getState(fixture.server, forever.accessToken)).body.state).toBe("banned");
    expect(await browseIds(fixture.server, viewer, { filters: NEAR })).toContain(inUse.accountId);
    for (const user of [viewer, inSetup, inUse, forever]) user.ws.close();
  });
});
