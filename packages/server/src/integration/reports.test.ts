import { randomUUID } from "node:crypto";
import {
  PERMISSIONS,
  type AdminAccountView,
  type AuditPage,
  type ProfileContentResponse,
  type ReportDecisionResponse,
  type ReportsPage,
} from "@venus/model";
import { beforeAll, describe, expect, test } from "vitest";
import { expectError } from "../testing/account-flow.js";
import { adminView, adminWith } from "../testing/admin-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import {
  as,
  createProfileUser,
  editRequestOf,
  getOwnProfile,
  type ProfileUser,
} from "../testing/profile-flow.js";
import { useServer } from "../testing/server-fixture.js";
import { connect } from "../testing/sign-in.js";
import { startServer, type RunningServer } from "../testing/spawn-server.js";

const ROOT_EMAIL = "reports-root@example.com";
const REPORTS = {
  categories: ["spam", "nudity", "other"],
  details_max_bytes: 20,
  per_day: 6,
  page_size: 2,
  rejected_to_ban: 3,
  spam_ban_days: 30,
};
const DAY_MS = 86_400_000;
const config = { admin: { grant_email: ROOT_EMAIL }, rate_limits: GENEROUS_RATE_LIMITS, reports: REPORTS };
const fixture = useServer({ config });

type Server = { url: string; wsUrl: string };
type Target = ProfileUser & { imageId: string };

let root: ProfileUser;
beforeAll(async () => {
  root = await createProfileUser(fixture.server, { email: ROOT_EMAIL, name: "Root" });
  await ok(
    as(fixture.server, root).post("/admin/profile/moderation", {
      account_id: root.accountId,
      field: "name",
      accept: true,
    }),
  );
});

async function ok<T>(pending: Promise<{ status: number; body: T }>, status = 200): Promise<T> {
  const reply = await pending;
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  return reply.body;
}

/** A public profile whose name, text and first image everyone sees (accepted by `admin`). */
async function reportable(server: Server, admin: ProfileUser, name = "Mallory"): Promise<Target> {
  const user = await createProfileUser(server, { name, gender: "man", wantedGenders: ["woman"] });
  const own = await getOwnProfile(server, user);
  await ok(as(server, user).put("/profile", { ...editRequestOf(own), text: "Cheap pills here" }));
  for (const field of ["name", "text"])
    await ok(
      as(server, admin).post("/admin/profile/moderation", {
        account_id: user.accountId,
        field,
        accept: true,
      }),
    );
  const content = await ok(
    as(server, user).get<ProfileContentResponse>(`/media/profile_content/${user.accountId}`),
  );
  const imageId = content.images[0]?.content_id ?? "";
  await ok(
    as(server, admin).post("/admin/media/moderation", {
      account_id: user.accountId,
      content_id: imageId,
      accept: true,
    }),
  );
  return { ...user, imageId };
}

const reporter = (server: Server = fixture.server) => createProfileUser(server, { name: "Rita" });
const report = (
  by: ProfileUser,
  path: string,
  body: object = { category: "spam" },
  server: Server = fixture.server,
) => as(server, by).post<{ report_id: number }>(`/report/${path}`, body);
const reportId = async (pending: ReturnType<typeof report>, status = 201) =>
  (await ok(pending, status)).report_id;
const decide = (
  id: number,
  body: object,
  by: { accessToken: string } = root,
  server: Server = fixture.server,
) => as(server, by).post<ReportDecisionResponse>(`/admin/reports/${id}/decision`, body);
const queue = (query = "", by: { accessToken: string } = root) =>
  as(fixture.server, by).get<ReportsPage>(`/admin/reports${query}`);

/** Every report in `state` (all pages) about `accountId`. */
async function reportsAbout(accountId: string, state = "waiting") {
  const items: ReportsPage["items"] = [];
  let after: string | null = "";
  while (after !== null) {
    const page: ReportsPage = await ok(queue(`?state=${state}${after ? `&after=${after}` : ""}`));
    expect(page.items.length).toBeLessThanOrEqual(REPORTS.page_size);
    items.push(...page.items);
    after = page.next;
  }
  return items.filter((item) => item.reported === accountId);
}

describe("reporting what the reporter sees", () => {
  test("a name, a text and an image: kept as they were, once per thing while waiting (200 with its id)", async () => {
    const [rita, mal] = [await reporter(), await reportable(fixture.server, root)];
    const name = await reportId(
      report(rita, `profile_name/${mal.accountId}`, { category: "spam", details: "fake" }),
    );
    const text = await reportId(report(rita, `profile_text/${mal.accountId}`, { category: "other" }));
    const image = await reportId(
      report(rita, `image/${mal.accountId}/${mal.imageId}`, { category: "nudity" }),
    );
    expect(await reportId(report(rita, `profile_name/${mal.accountId}`), 200)).toBe(name);
    expect(await reportId(report(rita, `image/${mal.accountId}/${mal.imageId}`), 200)).toBe(image);
    // The owner changes the name: the report keeps what the reporter saw.
    const own = await getOwnProfile(fixture.server, mal);
    await ok(as(fixture.server, mal).put("/profile", { ...editRequestOf(own), name: "Honest Mal" }));
    const common = {
      reporter: rita.accountId,
      reported: mal.accountId,
      created_at: expect.any(Number),
      state: "waiting",
      decided_at: null,
      decided_by: null,
      note: null,
    };
    expect(await reportsAbout(mal.accountId)).toEqual([
      {
        ...common,
        report_id: name,
        kind: "profile_name",
        category: "spam",
        details: "fake",
        text: "Mallory",
      },
      {
        ...common,
        report_id: text,
        kind: "profile_text",
        category: "other",
        details: "",
        text: "Cheap pills here",
      },
      {
        ...common,
        report_id: image,
        kind: "image",
        category: "nudity",
        details: "",
        content_id: mal.imageId,
      },
    ]);
    expect((await ok(queue("?kind=image"))).items.map((r) => r.report_id)).toContain(image);
  });

  test("what the reporter cannot see is 404 not_found, as a missing profile; one's own account is 400", async () => {
    const rita = await reporter();
    const fresh = await createProfileUser(fixture.server, {
      name: "Newbie",
      gender: "man",
      wantedGenders: ["woman"],
    });
    // Name waiting for moderation, no text, image waiting: nothing shown, nothing to report.
    expectError(await report(rita, `profile_name/${fresh.accountId}`), 404, "not_found");
    expectError(await report(rita, `profile_text/${fresh.accountId}`), 404, "not_found");
    const waitingImage = (
      await ok(
        as(fixture.server, fresh).get<ProfileContentResponse>(`/media/profile_content/${fresh.accountId}`),
      )
    ).images[0]?.content_id;
    expectError(await report(rita, `image/${fresh.accountId}/${waitingImage}`), 404, "not_found");
    const mal = await reportable(fixture.server, root);
    for (const path of [
      `profile_name/${randomUUID()}`,
      `profile_name/nonsense`,
      `image/${mal.accountId}/${randomUUID()}`,
    ])
      expectError(await report(rita, path), 404, "not_found");
    // Another account's image under this account's id.
    expectError(await report(rita, `image/${fresh.accountId}/${mal.imageId}`), 404, "not_found");
    // A private profile of someone who is not a match, and a blocked one.
    await ok(as(fixture.server, mal).put("/profile/visibility", { visibility: "private" }));
    expectError(await report(rita, `profile_name/${mal.accountId}`), 404, "not_found");
    expectError(await report(rita, `image/${mal.accountId}/${mal.imageId}`), 404, "not_found");
    const other = await reportable(fixture.server, root);
    await ok(as(fixture.server, rita).post("/chat/block", { account_id: other.accountId }));
    expectError(await report(rita, `profile_text/${other.accountId}`), 404, "not_found");
    expectError(await report(rita, `profile_name/${rita.accountId}`), 400, "validation_failed");
    expect(await reportsAbout(mal.accountId)).toEqual([]);
  });

  test(`category from reports.categories, details at most ${REPORTS.details_max_bytes} bytes (400 validation_failed)`, async () => {
    const [rita, mal] = [await reporter(), await reportable(fixture.server, root)];
    const path = `profile_name/${mal.accountId}`;
    expectError(await report(rita, path, { category: "scam" }), 400, "validation_failed");
    expectError(
      await report(rita, path, { category: "spam", details: "é".repeat(10) + "x" }),
      400,
      "validation_failed",
    );
    expectError(await report(rita, path, { category: "spam", extra: 1 }), 400, "validation_failed");
    expectError(await report(rita, path, {}), 400, "validation_failed");
    expect(await reportsAbout(mal.accountId)).toEqual([]);
    await reportId(report(rita, path, { category: "spam", details: "é".repeat(10) }));
  });

  test(`at most reports.per_day (${REPORTS.per_day}) new reports a day: then 429 daily_report_limit with Retry-After`, async () => {
    const rita = await reporter();
    const [a, b, c] = [
      await reportable(fixture.server, root),
      await reportable(fixture.server, root),
      await reportable(fixture.server, root),
    ];
    const paths = [a, b].flatMap((t) => [
      `profile_name/${t.accountId}`,
      `profile_text/${t.accountId}`,
      `image/${t.accountId}/${t.imageId}`,
    ]);
    const ids = [];
    for (const path of paths) ids.push(await reportId(report(rita, path)));
    const refused = await report(rita, `profile_name/${c.accountId}`);
    expectError(refused, 429, "daily_report_limit");
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(DAY_MS / 1000);
    // A repeat of a waiting report is no new report.
    expect(await reportId(report(rita, paths[0] ?? ""), 200)).toBe(ids[0]);
  });
});

describe("the admin queue and decisions", () => {
  test("pages oldest first, by state and kind; a decision is recorded once (409 report_decided) and audited", async () => {
    const [rita, mal] = [await reporter(), await reportable(fixture.server, root)];
    const ids = [
      await reportId(report(rita, `profile_name/${mal.accountId}`)),
      await reportId(report(rita, `profile_text/${mal.accountId}`)),
      await reportId(report(rita, `image/${mal.accountId}/${mal.imageId}`)),
    ];
    expect((await reportsAbout(mal.accountId)).map((r) => r.report_id)).toEqual(ids);
    const [first, second, third] = ids as [number, number, number];
    const decided = await ok(decide(first, { decision: "accept", note: "name changed" }));
    expect(decided).toEqual({
      report: expect.objectContaining({
        report_id: first,
        state: "accepted",
        decided_at: expect.any(Number),
        decided_by: root.accountId,
        note: "name changed",
      }),
      reporter_banned: false,
    });
    expect((await ok(decide(second, { decision: "reject" }))).report).toMatchObject({
      state: "rejected",
      note: null,
    });
    expectError(await decide(first, { decision: "reject" }), 409, "report_decided");
    expectError(await decide(999_999_999, { decision: "accept" }), 404, "not_found");
    expectError(
      await as(fixture.server, root).post("/admin/reports/abc/decision", { decision: "accept" }),
      404,
      "not_found",
    );
    expectError(await decide(third, { decision: "maybe" }), 400, "validation_failed");
    expectError(await decide(third, { decision: "accept", note: "x".repeat(21) }), 400, "validation_failed");
    expect((await reportsAbout(mal.accountId)).map((r) => r.report_id)).toEqual([third]);
    expect((await reportsAbout(mal.accountId, "accepted")).map((r) => r.report_id)).toEqual([first]);
    expect((await reportsAbout(mal.accountId, "rejected")).map((r) => r.report_id)).toEqual([second]);
    for (const query of ["?state=open", "?kind=photo", "?after=x"])
      expectError(await queue(query), 400, "validation_failed");
    // Once decided, the same thing can be reported again.
    expect(await reportId(report(rita, `profile_name/${mal.accountId}`))).toBeGreaterThan(third);
    const audit = await ok(
      as(fixture.server, root).get<AuditPage>(`/admin/audit?account_id=${root.accountId}&limit=5`),
    );
    expect(audit.items.map((e) => e.action)).toContain("POST /admin/reports/:report_id/decision");
  });

  test("an admin cannot decide a report they made or one about them (409 cannot_act_on_self)", async () => {
    const mal = await reportable(fixture.server, root);
    const own = await reportId(report(root, `profile_name/${mal.accountId}`));
    expectError(await decide(own, { decision: "reject" }), 409, "cannot_act_on_self");
    const aboutRoot = await reportId(report(await reporter(), `profile_name/${root.accountId}`));
    expectError(await decide(aboutRoot, { decision: "reject" }), 409, "cannot_act_on_self");
    const other = await adminWith(fixture.server, root, ["process_reports"]);
    for (const id of [own, aboutRoot])
      expect((await ok(decide(id, { decision: "accept" }, other))).report.decided_by).toBe(other.accountId);
  });

  test("each admin route: 403 forbidden without process_reports (every other permission held), answered with only it", async () => {
    const [rita, mal] = [await reporter(), await reportable(fixture.server, root)];
    const id = await reportId(report(rita, `profile_name/${mal.accountId}`));
    const without = await adminWith(
      fixture.server,
      root,
      PERMISSIONS.filter((p) => p !== "process_reports"),
    );
    const only = await adminWith(fixture.server, root, ["process_reports"]);
    expectError(await queue("", without), 403, "forbidden");
    expectError(await decide(id, { decision: "reject" }, without), 403, "forbidden");
    expectError(await queue("", rita), 403, "forbidden");
    expectError(await decide(id, { decision: "reject" }, rita), 403, "forbidden");
    expect((await reportsAbout(mal.accountId)).map((r) => r.report_id)).toEqual([id]);
    expect((await ok(queue("?kind=profile_name", only))).items.length).toBeGreaterThan(0);
    expect((await ok(decide(id, { decision: "reject" }, only))).report.state).toBe("rejected");
  });
});

/** Files a report of `mal`'s name or text as `rita` and lets `root` decide it; resolves with the answer. */
async function reportAndDecide(
  rita: ProfileUser,
  mal: Target,
  decision: "accept" | "reject",
  server: Server = fixture.server,
) {
  const kind = decision === "accept" ? "profile_text" : "profile_name";
  const id = await reportId(report(rita, `${kind}/${mal.accountId}`, { category: "spam" }, server));
  return ok(decide(id, { decision }, root, server));
}

describe(`report thresholds (reports.rejected_to_ban ${REPORTS.rejected_to_ban}, spam_ban_days ${REPORTS.spam_ban_days})`, () => {
  test("threshold − 1 rejections: not banned; accepted reports never count; the threshold-th bans the reporter", async () => {
    const [rita, mal] = [await reporter(), await reportable(fixture.server, root)];
    for (let i = 1; i < REPORTS.rejected_to_ban; i++) {
      expect((await reportAndDecide(rita, mal, "reject")).reporter_banned).toBe(false);
      expect((await reportAndDecide(rita, mal, "accept")).reporter_banned).toBe(false);
    }
    expect((await adminView(fixture.server, root, rita.accountId)).state).toBe("normal");
    const before = Date.now();
    expect((await reportAndDecide(rita, mal, "reject")).reporter_banned).toBe(true);
    const view: AdminAccountView = await adminView(fixture.server, root, rita.accountId);
    expect(view).toMatchObject({
      state: "banned",
      ban: { reason: expect.stringContaining("3 of your reports") },
    });
    const until = Date.parse(view.ban?.until ?? "");
    expect(until).toBeGreaterThanOrEqual(before + REPORTS.spam_ban_days * DAY_MS);
    expect(until).toBeLessThanOrEqual(Date.now() + REPORTS.spam_ban_days * DAY_MS);
    const event = await rita.ws.take((f) => f.event === "account_state_changed");
    expect(event.data).toMatchObject({
      state: "banned",
      ban: { until: view.ban?.until, reason: view.ban?.reason },
    });
    expectError(await report(rita, `profile_name/${mal.accountId}`), 403, "account_banned");
  });
});

describe("after a kill -9 and restart", () => {
  test("waiting reports, the day's count and rejected counts are what they were", async () => {
    const options = { config: { ...config, reports: { ...REPORTS, per_day: 2, rejected_to_ban: 2 } } };
    let server: RunningServer = await startServer(options);
    try {
      const boss = await createProfileUser(server, { email: ROOT_EMAIL, name: "Root" });
      const [rita, mal] = [await reporter(server), await reportable(server, boss)];
      const name = await reportId(
        report(rita, `profile_name/${mal.accountId}`, { category: "spam" }, server),
      );
      const text = await reportId(
        report(rita, `profile_text/${mal.accountId}`, { category: "spam" }, server),
      );
      await ok(decide(name, { decision: "reject" }, boss, server));
      await server.stop("SIGKILL");
      server = await startServer({ ...options, dataDir: server.dataDir });
      const tokens = (u: ProfileUser) => ({
        account_id: u.accountId,
        access_token: u.accessToken,
        refresh_token: u.refreshToken,
      });
      const [boss2, rita2] = [await connect(server, tokens(boss)), await connect(server, tokens(rita))];
      const again = report(
        { ...rita, ...rita2 },
        `profile_text/${mal.accountId}`,
        { category: "spam" },
        server,
      );
      expect(await reportId(again, 200)).toBe(text);
      expectError(
        await report(
          { ...rita, ...rita2 },
          `image/${mal.accountId}/${mal.imageId}`,
          { category: "spam" },
          server,
        ),
        429,
        "daily_report_limit",
      );
      const decided = await ok(decide(text, { decision: "reject" }, { ...boss, ...boss2 }, server));
      expect(decided.reporter_banned).toBe(true);
    } finally {
      await server.stop();
      server.cleanup();
    }
  });
});
