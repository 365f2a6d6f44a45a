import { randomUUID } from "node:crypto";
import { VenusClient } from "@venus/bot-client";
import { PERMISSIONS, type AdminAccountView, type AdminList, type Permission } from "@venus/model";
import { beforeAll, describe, expect, test } from "vitest";
import { expectError, getState } from "../testing/account-flow.js";
import { adminView, adminWith, grant } from "../testing/admin-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import type { HttpResult } from "../testing/http-client.js";
import { request } from "../testing/http-client.js";
import { as, createProfileUser, type ProfileUser } from "../testing/profile-flow.js";
import { useServer } from "../testing/server-fixture.js";
import { PASSWORD, signUp, type SignedIn } from "../testing/sign-in.js";

const ROOT_EMAIL = "root-admin@example.com";

const fixture = useServer({
  config: { admin: { grant_email: ROOT_EMAIL }, rate_limits: GENEROUS_RATE_LIMITS },
});

let root: ProfileUser;
beforeAll(async () => {
  root = await createProfileUser(fixture.server, { email: ROOT_EMAIL, name: "Root" });
});

type Api = ReturnType<typeof as>;
type Target = SignedIn & { email: string };

interface AdminCall {
  route: string;
  permission: Permission;
  /** Brings the target into the state the call succeeds in (as root). */
  prepare?: (target: Target) => Promise<void>;
  call: (api: Api, target: Target) => Promise<HttpResult<unknown>>;
}

const accountPath = (target: Target, action = "") => `/admin/accounts/${target.accountId}${action}`;

const ADMIN_CALLS: AdminCall[] = [
  {
    route: "GET /admin/accounts/{id}",
    permission: "view_accounts",
    call: (api, t) => api.get(accountPath(t)),
  },
  {
    route: "GET /admin/accounts?email=",
    permission: "view_accounts",
    call: (api, t) => api.get(`/admin/accounts?email=${encodeURIComponent(t.email)}`),
  },
  { route: "GET /admin/admins", permission: "manage_admins", call: (api) => api.get("/admin/admins") },
  {
    route: "PUT /admin/accounts/{id}/permissions",
    permission: "manage_admins",
    call: (api, t) => api.put(accountPath(t, "/permissions"), { permissions: ["moderate_texts"] }),
  },
  {
    route: "POST /admin/accounts/{id}/ban",
    permission: "ban",
    call: (api, t) => api.post(accountPath(t, "/ban"), { reason: "spam" }),
  },
  {
    route: "POST /admin/accounts/{id}/unban",
    permission: "ban",
    prepare: async (t) => {
      const banned = await as(fixture.server, root).post(accountPath(t, "/ban"), { reason: "spam" });
      expect(banned.status, JSON.stringify(banned.body)).toBe(200);
    },
    call: (api, t) => api.post(accountPath(t, "/unban")),
  },
  {
    route: "POST /admin/accounts/{id}/lock",
    permission: "ban",
    call: (api, t) => api.post(accountPath(t, "/lock")),
  },
  {
    route: "POST /admin/accounts/{id}/unlock",
    permission: "ban",
    call: (api, t) => api.post(accountPath(t, "/unlock")),
  },
  {
    route: "POST /admin/accounts/{id}/logout",
    permission: "ban",
    call: (api, t) => api.post(accountPath(t, "/logout")),
  },
  { route: "GET /admin/audit", permission: "manage_admins", call: (api) => api.get("/admin/audit") },
];

describe("every admin account route needs its own permission", () => {
  const holders = new Map<Permission, { only: SignedIn; allBut: SignedIn }>();
  let nobody: SignedIn;

  beforeAll(async () => {
    nobody = await signUp(fixture.server);
    for (const permission of new Set(ADMIN_CALLS.map((c) => c.permission))) {
      holders.set(permission, {
        only: await adminWith(fixture.server, root, [permission]),
        allBut: await adminWith(
          fixture.server,
          root,
          PERMISSIONS.filter((p) => p !== permission),
        ),
      });
    }
  });

  test.each(ADMIN_CALLS)("$route needs $permission", async ({ permission, prepare, call }) => {
    const target = await signUp(fixture.server);
    await prepare?.(target);
    const { only, allBut } = holders.get(permission) as { only: SignedIn; allBut: SignedIn };
    expectError(await call(as(fixture.server, allBut), target), 403, "forbidden");
    expectError(await call(as(fixture.server, nobody), target), 403, "forbidden");
    expect((await call(as(fixture.server, { accessToken: "" }), target)).status).toBe(401);
    const allowed = await call(as(fixture.server, only), target);
    expect(allowed.status, JSON.stringify(allowed.body)).toBe(200);
  });
});

describe("looking accounts up", () => {
  test("by id and by email: state, lock, ban, permissions, sessions and presence", async () => {
    const user = await signUp(fixture.server);
    const expected: AdminAccountView = {
      account_id: user.accountId,
      email: user.email,
      state: "initial_setup",
      locked: false,
      ban: null,
      permissions: [],
      bot: false,
      created_at: expect.any(Number) as unknown as number,
      last_seen_at: expect.any(Number) as unknown as number,
      online: true,
      sessions: 1,
    };
    const byId = await adminView(fixture.server, root, user.accountId);
    expect(byId).toEqual(expected);
    expect(byId.created_at).toBeLessThanOrEqual(Date.now());
    const byEmail = await as(fixture.server, root).get(
      `/admin/accounts?email=${encodeURIComponent(`  ${user.email.toUpperCase()} `)}`,
    );
    expect(byEmail.status).toBe(200);
    expect(byEmail.body).toEqual(byId);
  });

  test("an unknown account is 404 not_found; a missing email is 400", async () => {
    const api = as(fixture.server, root);
    expectError(await api.get(`/admin/accounts/${randomUUID()}`), 404, "not_found");
    expectError(await api.get("/admin/accounts/not-an-id"), 404, "not_found");
    expectError(await api.get("/admin/accounts?email=nobody%40example.com"), 404, "not_found");
    expectError(await api.get("/admin/accounts"), 400, "validation_failed");
    for (const action of ["/ban", "/unban", "/lock", "/unlock", "/logout"])
      expectError(
        await api.post(
          `/admin/accounts/${randomUUID()}${action}`,
          action === "/ban" ? { reason: "x" } : undefined,
        ),
        404,
        "not_found",
      );
    expectError(
      await api.put(`/admin/accounts/${randomUUID()}/permissions`, { permissions: [] }),
      404,
      "not_found",
    );
  });
});

describe("granting and revoking permissions", () => {
  test("sets the whole set, reaches the account's live connections and the admin list", async () => {
    const user = await signUp(fixture.server);
    const view = await grant(fixture.server, root, user, ["view_accounts", "moderate_texts"]);
    expect(view.permissions).toEqual(["moderate_texts", "view_accounts"]);
    const state = await getState(fixture.server, user.accessToken);
    expect(state.body).toEqual({
      state: "initial_setup",
      permissions: ["moderate_texts", "view_accounts"],
      sync_version: 2,
    });
    const admins = await as(fixture.server, root).get<AdminList>("/admin/admins");
    expect(admins.body.admins.find((a) => a.account_id === user.accountId)).toMatchObject({
      permissions: ["moderate_texts", "view_accounts"],
    });
    expect(admins.body.admins.find((a) => a.account_id === root.accountId)?.permissions).toEqual(
      [...PERMISSIONS].sort(),
    );
    const emails = admins.body.admins.map((a) => a.email);
    expect(emails).toEqual([...emails].sort());
    expect((await as(fixture.server, user).get(`/admin/accounts/${root.accountId}`)).status).toBe(200);

    await grant(fixture.server, root, user, []);
    const after = await as(fixture.server, root).get<AdminList>("/admin/admins");
    expect(after.body.admins.some((a) => a.account_id === user.accountId)).toBe(false);
    expectError(await as(fixture.server, user).get(`/admin/accounts/${root.accountId}`), 403, "forbidden");
  });

  test("an admin cannot remove manage_admins from themself; another admin can", async () => {
    const admin = await adminWith(fixture.server, root, ["manage_admins", "view_accounts"]);
    const own = `/admin/accounts/${admin.accountId}/permissions`;
    expectError(
      await as(fixture.server, admin).put(own, { permissions: ["view_accounts"] }),
      409,
      "cannot_remove_own_manage_admins",
    );
    expect((await getState(fixture.server, admin.accessToken)).body.permissions).toEqual([
      "manage_admins",
      "view_accounts",
    ]);
    const kept = await as(fixture.server, admin).put<AdminAccountView>(own, {
      permissions: ["manage_admins"],
    });
    expect(kept.status).toBe(200);
    expect(kept.body.permissions).toEqual(["manage_admins"]);
    await admin.ws.take((f) => f.event === "account_state_changed");
    await grant(fixture.server, root, admin, []);
  });

  test("unknown and repeated permissions are refused", async () => {
    const user = await signUp(fixture.server);
    const path = `/admin/accounts/${user.accountId}/permissions`;
    const api = as(fixture.server, root);
    expectError(await api.put(path, { permissions: ["superuser"] }), 400, "validation_failed");
    expectError(await api.put(path, { permissions: ["ban", "ban"] }), 400, "validation_failed");
    expectError(await api.put(path, {}), 400, "validation_failed");
    expect((await getState(fixture.server, user.accessToken)).body.permissions).toEqual([]);
  });

  test("anonymous callers get 401", async () => {
    const result = await request(fixture.server.url, "GET", "/admin/admins");
    expect(result.status).toBe(401);
  });
});

test("bot-client's admin methods reach every admin account route", async () => {
  // Its own device kind, so root's test socket stays connected.
  const client = await VenusClient.signIn(fixture.server.url, ROOT_EMAIL, PASSWORD, {
    client: { kind: "ios", version: "1.0.0" },
  });
  const user = await signUp(fixture.server);
  const { admin } = client;
  expect((await admin.accountById(user.accountId)).email).toBe(user.email);
  expect((await admin.accountByEmail(user.email)).account_id).toBe(user.accountId);
  expect((await admin.setPermissions(user.accountId, ["view_accounts"])).permissions).toEqual([
    "view_accounts",
  ]);
  expect((await admin.admins()).admins.map((a) => a.account_id)).toContain(user.accountId);
  expect((await admin.ban(user.accountId, { reason: "Spam", until: null })).state).toBe("banned");
  expect((await admin.unban(user.accountId)).state).toBe("initial_setup");
  expect((await admin.lock(user.accountId)).locked).toBe(true);
  expect((await admin.unlock(user.accountId)).locked).toBe(false);
  expect(await admin.logoutAccount(user.accountId)).toEqual({ sessions_ended: 0 });
  const audit = await admin.audit({ limit: 2, account_id: user.accountId });
  expect(audit.items.map((e) => e.action)).toEqual([
    "POST /admin/accounts/:account_id/logout",
    "POST /admin/accounts/:account_id/unlock",
  ]);
  await client.close();
});
