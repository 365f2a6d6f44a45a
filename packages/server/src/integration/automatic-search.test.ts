import {
  DEFAULT_AUTOMATIC_SEARCH_SETTINGS,
  type AutomaticSearchResults,
  type AutomaticSearchSettings,
} from "@venus/model";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import {
  as,
  createProfileUser,
  manAt,
  north,
  setVisibility,
  womanAt,
  type ProfileUser,
} from "../testing/profile-flow.js";
import { eventually, registerTarget, sleep } from "../testing/push/push-flow.js";
import { testTls } from "../testing/push/test-ca.js";
import { TestWebPushService } from "../testing/push/test-webpush-service.js";
import { connect, login } from "../testing/sign-in.js";
import { startServer, type RunningServer } from "../testing/spawn-server.js";
import { advanceClock, setClockTo, TESTING_ENV } from "../testing/test-clock.js";

// Monday 5 January 2026, 06:00 UTC; the users' window is 08:00–10:00 UTC on Mondays and Wednesdays.
const START = "2026-01-05T06:00:00Z";
const ORIGIN = { latitude: 60.17, longitude: 24.94 };
const SETTINGS: AutomaticSearchSettings = {
  enabled: true,
  weekdays: ["mon", "wed"],
  window_start: "08:00",
  window_end: "10:00",
  utc_offset_minutes: 0,
  filters: { max_distance_km: 50 },
};
const tls = testTls();
let service: TestWebPushService;
let server: RunningServer;

const config = (clock: string) => ({
  testing: { clock },
  rate_limits: GENEROUS_RATE_LIMITS,
  push: { retry_base_seconds: 0.2, coalesce_seconds: 0 },
});
const env = () => ({ ...TESTING_ENV, NODE_EXTRA_CA_CERTS: tls.caFile });

beforeAll(async () => {
  service = await TestWebPushService.start(tls);
  server = await startServer({ config: config(START), env: env() });
  const key = await fetch(`${server.url}/push/vapid_public_key`);
  service.expectedKey = ((await key.json()) as { public_key: string }).public_key;
});
afterAll(async () => {
  await server?.stop();
  server?.cleanup();
  await service?.stop();
  tls.cleanup();
});

const settingsOf = (user: ProfileUser) => as(server, user).get("/profile/automatic_search/settings");
const put = (user: ProfileUser, body: unknown) =>
  as(server, user).put("/profile/automatic_search/settings", body);
async function results(user: { accessToken: string }, offset = 0): Promise<AutomaticSearchResults> {
  const reply = await as(server, user).get(`/profile/automatic_search/results?offset=${offset}`);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body as AutomaticSearchResults;
}
const hour = (iso: string) => Date.parse(iso);

/** Moves the clock 10 minutes at a time up to `until`; the version of the user's results at each step. */
async function walkTo(user: ProfileUser, until: string): Promise<number[]> {
  const versions: number[] = [];
  while ((await advanceClock(server, 0)) < hour(until)) {
    await advanceClock(server, 600);
    await sleep(50);
    versions.push((await results(user)).version);
  }
  return versions;
}

describe("automatic search settings", () => {
  test("off by default; a window that ends before it starts, no day, or an inverted distance is 400 validation_failed", async () => {
    const user = await womanAt(server, north(ORIGIN, 2000));
    expect((await settingsOf(user)).body).toEqual(DEFAULT_AUTOMATIC_SEARCH_SETTINGS);
    for (const [bad, field] of [
      [{ window_start: "10:00", window_end: "10:00" }, "window_end"],
      [{ weekdays: [] }, "weekdays"],
      [{ filters: { min_distance_km: 60, max_distance_km: 50 } }, "filters.min_distance_km"],
    ] as const) {
      const reply = await put(user, { ...SETTINGS, ...bad });
      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({
        error: { code: "validation_failed", details: { issues: [{ path: field }] } },
      });
    }
    expect((await put(user, { ...SETTINGS, weekdays: ["someday"] })).status).toBe(400);
    expect((await put(user, { ...SETTINGS, enabled: false, weekdays: [] })).status).toBe(200);
    expect((await settingsOf(user)).body).toEqual({ ...SETTINGS, enabled: false, weekdays: [] });
  });
});

describe("new people near you", () => {
  test("runs once on each chosen day inside the window, finds only profiles new since the last run that match both ways, pushes and tells, and survives a restart", async () => {
    const old = await manAt(server, ORIGIN, 5); // listed before the search is on: never new
    const late = await createProfileUser(server, {
      gender: "man",
      wantedGenders: ["woman"],
      location: north(ORIGIN, 20.3),
      visibility: "private",
    });
    const viewer = await womanAt(server, ORIGIN);
    const away = await womanAt(server, north(ORIGIN, 1));
    const target = service.subscribe();
    await registerTarget(server, away, target);
    expect((await put(viewer, SETTINGS)).status).toBe(200);
    expect((await put(away, SETTINGS)).status).toBe(200);
    away.ws.close();

    const near = await manAt(server, ORIGIN, 10);
    await setVisibility(server, late, "public"); // newly public
    await manAt(server, ORIGIN, 12, { wantedGenders: ["man"] }); // does not want her
    await womanAt(server, north(ORIGIN, 8)); // she does not want women
    await manAt(server, ORIGIN, 300); // beyond her 50 km

    await setClockTo(server, "2026-01-05T07:59:00Z");
    await sleep(200);
    expect((await results(viewer)).version).toBe(0);
    const monday = await walkTo(viewer, "2026-01-05T10:05:00Z");
    expect(monday.filter((v) => v === 1).length).toBeGreaterThan(0);
    expect(monday.every((v) => v <= 1)).toBe(true);
    const first = await results(viewer);
    expect(first.run_at).toBeGreaterThanOrEqual(hour("2026-01-05T08:00:00Z"));
    expect(first.run_at).toBeLessThan(hour("2026-01-05T10:00:00Z"));
    expect(first).toMatchObject({ version: 1, count: 2, next_offset: null });
    expect(first.profiles.map((p) => [p.account_id, p.distance_km])).toEqual([
      [near.accountId, 10],
      [late.accountId, 20],
    ]);
    expect(first.profiles.map((p) => p.account_id)).not.toContain(old.accountId);
    // A find that blocks her afterwards leaves her pages; the count stays what the run found.
    expect((await as(server, late).post("/chat/block", { account_id: viewer.accountId })).status).toBe(200);
    const blocked = await results(viewer);
    expect(blocked.count).toBe(2);
    expect(blocked.profiles.map((p) => p.account_id)).toEqual([near.accountId]);
    const event = await viewer.ws.take((f) => f.event === "automatic_search_changed");
    expect(event.data).toEqual({ version: 1, count: 2 });
    await eventually(() => service.receivedBy(target.endpoint).length === 1, "the automatic search push");
    expect(service.receivedBy(target.endpoint)[0]?.payload).toEqual({ kind: "automatic_search", count: 1 });

    // Once a day: the rest of Monday and all of Tuesday (not chosen) run nothing, though a match appears.
    await setClockTo(server, "2026-01-05T23:00:00Z");
    const tuesdayMan = await manAt(server, ORIGIN, 15);
    await setClockTo(server, "2026-01-06T07:50:00Z");
    const tuesday = await walkTo(viewer, "2026-01-06T10:10:00Z");
    expect(tuesday.length).toBeGreaterThan(12);
    expect(tuesday.every((v) => v === 1)).toBe(true);

    // Wednesday: only what is new since Monday's run.
    await setClockTo(server, "2026-01-07T07:50:00Z");
    await walkTo(viewer, "2026-01-07T10:05:00Z");
    const wednesday = await results(viewer);
    expect(wednesday).toMatchObject({ version: 2, count: 1 });
    expect(wednesday.profiles.map((p) => p.account_id)).toEqual([tuesdayMan.accountId]);
    expect((await viewer.ws.take((f) => f.event === "automatic_search_changed")).data).toEqual({
      version: 2,
      count: 1,
    });

    // A restart (at Wednesday noon) keeps settings, results and the day's run.
    viewer.ws.close();
    await server.stop();
    server = await startServer({
      config: config("2026-01-07T12:00:00Z"),
      env: env(),
      dataDir: server.dataDir,
    });
    const again = await connect(server, await login(server, viewer.email), { sync: { automatic_search: 1 } });
    expect(await again.ws.take((f) => f.event === "automatic_search_changed")).toMatchObject({
      type: "event",
      event: "automatic_search_changed",
    });
    expect((await as(server, again).get("/profile/automatic_search/settings")).body).toEqual(SETTINGS);
    const kept = await results(again);
    expect({ ...kept, profiles: kept.profiles.map((p) => p.account_id) }).toEqual({
      ...wednesday,
      profiles: [tuesdayMan.accountId],
    });
    await setClockTo(server, "2026-01-07T23:00:00Z");
    await sleep(200);
    expect((await results(again)).version).toBe(2);
    again.ws.close();
    // Many steps of the clock and two server starts: slow on a loaded machine.
  }, 180_000);
});
