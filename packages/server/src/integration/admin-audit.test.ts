import type { AuditEntry } from "@venus/model";
import { beforeAll, describe, expect, test } from "vitest";
import { expectError } from "../testing/account-flow.js";
import { adminView, adminWith, auditPage } from "../testing/admin-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { as, createProfileUser, type ProfileUser } from "../testing/profile-flow.js";
import { useServer } from "../testing/server-fixture.js";
import { connect, signUp } from "../testing/sign-in.js";
import { startServer } from "../testing/spawn-server.js";

const ROOT_EMAIL = "audit-admin@example.com";
const PAGE_SIZE = 3;
const config = {
  admin: { grant_email: ROOT_EMAIL, audit_page_size: PAGE_SIZE },
  rate_limits: GENEROUS_RATE_LIMITS,
};
const fixture = useServer({ config });

let root: ProfileUser;
beforeAll(async () => {
  root = await createProfileUser(fixture.server, { email: ROOT_EMAIL, name: "Root" });
});

/** Every entry newer than `afterId`, newest first, following `next`. */
async function entriesSince(afterId: number, query = ""): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let before: string | null = "";
  while (before !== null) {
    const page = await auditPage(
      fixture.server,
      root,
      [query, before ? `before=${before}` : ""].filter(Boolean).join("&"),
    );
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    entries.push(...page.body.items);
    before = page.body.items.some((e) => e.id <= afterId) ? null : page.body.next;
  }
  return entries.filter((e) => e.id > afterId);
}

async function newestId(): Promise<number> {
  const page = await auditPage(fixture.server, root, "limit=1");
  return page.body.items[0]?.id ?? 0;
}

describe("the audit log", () => {
  test("records every successful admin action with who, what and when; not failures or reads", async () => {
    const start = await newestId();
    const startedAt = Date.now();
    const target = await signUp(fixture.server);
    const weak = await adminWith(fixture.server, root, ["view_accounts"]);
    const api = as(fixture.server, root);

    expect((await api.put("/admin/flags/registration_enabled", { value: true })).status).toBe(200);
    const until = new Date(Date.now() + 3_600_000).toISOString();
    expect(
      (await api.post(`/admin/accounts/${target.accountId}/ban`, { reason: "Spam", until })).status,
    ).toBe(200);
    expectError(await api.post(`/admin/accounts/${root.accountId}/lock`), 409, "cannot_act_on_self");
    expectError(
      await as(fixture.server, weak).post(`/admin/accounts/${target.accountId}/unban`),
      403,
      "forbidden",
    );
    await adminView(fixture.server, root, target.accountId);
    const moderated = await api.post("/admin/profile/moderation", {
      account_id: root.accountId,
      field: "name",
      accept: true,
    });
    expect(moderated.status, JSON.stringify(moderated.body)).toBe(200);
    expect((await api.post("/admin/daily_task/run")).status).toBe(200);

    const entries = await entriesSince(start);
    expect(entries.map((e) => e.action)).toEqual([
      "POST /admin/daily_task/run",
      "POST /admin/profile/moderation",
      "POST /admin/accounts/:account_id/ban",
      "PUT /admin/flags/:name",
      "PUT /admin/accounts/:account_id/permissions",
    ]);
    const [daily, moderation, ban, flag, grant] = entries as [
      AuditEntry,
      AuditEntry,
      AuditEntry,
      AuditEntry,
      AuditEntry,
    ];
    expect(ban).toEqual({
      id: expect.any(Number),
      at: expect.any(Number),
      admin_id: root.accountId,
      action: "POST /admin/accounts/:account_id/ban",
      target_id: target.accountId,
      details: { path: `/admin/accounts/${target.accountId}/ban`, body: { reason: "Spam", until } },
    });
    expect(ban.at).toBeGreaterThanOrEqual(startedAt);
    expect(ban.at).toBeLessThanOrEqual(Date.now());
    expect(grant).toMatchObject({
      target_id: weak.accountId,
      details: { body: { permissions: ["view_accounts"] } },
    });
    expect(flag).toMatchObject({
      target_id: null,
      details: { path: "/admin/flags/registration_enabled", body: { value: true } },
    });
    expect(moderation).toMatchObject({ target_id: root.accountId });
    expect(daily).toMatchObject({ target_id: null, details: { path: "/admin/daily_task/run" } });
    expect(entries.map((e) => e.id)).toEqual([...entries.map((e) => e.id)].sort((a, b) => b - a));

    // Filtered to one account: what was done to it and what it did.
    expect((await entriesSince(start, `account_id=${target.accountId}`)).map((e) => e.action)).toEqual([
      "POST /admin/accounts/:account_id/ban",
    ]);
    target.ws.close();
    weak.ws.close();
  });

  test("pages newest first; the page size is the default and the largest limit", async () => {
    for (const value of [false, true, false, true]) {
      const reply = await as(fixture.server, root).put("/admin/flags/registration_enabled", { value });
      expect(reply.status).toBe(200);
    }
    const full = await auditPage(fixture.server, root);
    expect(full.body.items).toHaveLength(PAGE_SIZE);
    const atLimit = await auditPage(fixture.server, root, `limit=${PAGE_SIZE}`);
    expect(atLimit.body).toEqual(full.body);
    expectError(await auditPage(fixture.server, root, `limit=${PAGE_SIZE + 1}`), 400, "validation_failed");
    expectError(await auditPage(fixture.server, root, "limit=0"), 400, "validation_failed");
    expectError(await auditPage(fixture.server, root, "before=abc"), 400, "validation_failed");

    const first = await auditPage(fixture.server, root, "limit=2");
    expect(first.body.next).toBe(String(first.body.items[1]?.id));
    const second = await auditPage(fixture.server, root, `limit=2&before=${first.body.next}`);
    const both = [...first.body.items, ...second.body.items];
    expect(both.map((e) => e.id)).toEqual(both.map((e) => e.id).sort((a, b) => b - a));
    expect(new Set(both.map((e) => e.id)).size).toBe(4);
    expect(both.slice(0, 3)).toEqual((await auditPage(fixture.server, root, "limit=3")).body.items);
    const oldest = await auditPage(fixture.server, root, "before=2");
    expect(oldest.body).toEqual({ items: [expect.objectContaining({ id: 1 })], next: null });
  });
});

test("an answered admin action is in the log, and in effect, after kill -9", async () => {
  const first = await startServer({ config });
  let server = first;
  try {
    const admin = await createProfileUser(first, { email: ROOT_EMAIL, name: "Root" });
    const target = await signUp(first);
    const banned = await as(first, admin).post(`/admin/accounts/${target.accountId}/ban`, { reason: "Gone" });
    expect(banned.status).toBe(200);
    first.process.kill("SIGKILL");
    expect(await first.exited).toBe("SIGKILL");

    server = await startServer({ config, dataDir: first.dataDir });
    const again = await connect(server, {
      account_id: admin.accountId,
      access_token: admin.accessToken,
      refresh_token: admin.refreshToken,
    });
    const page = await auditPage(server, again, "limit=1");
    expect(page.body.items[0]).toMatchObject({
      admin_id: admin.accountId,
      action: "POST /admin/accounts/:account_id/ban",
      target_id: target.accountId,
    });
    expect((await adminView(server, again, target.accountId)).ban).toEqual({ until: null, reason: "Gone" });
    again.ws.close();
  } finally {
    await server.stop();
    server.cleanup();
  }
});
