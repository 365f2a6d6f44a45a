import type { AttributeDefinitions, BrowseFilters } from "@venus/model";
import { describe, expect, test } from "vitest";
import { expectError } from "../testing/account-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import {
  as,
  browseIds,
  closeAll,
  createProfileUser,
  editProfile,
  expectProfileChanged,
  manAt,
  menAt,
  NEAR,
  region,
  setPrivacy,
  sleep,
  viewProfile,
  waitUntilOffline,
  womanAt,
  type ProfileUser,
} from "../testing/profile-flow.js";
import { useServer } from "../testing/server-fixture.js";

const ADMIN_EMAIL = "filters-admin@example.com";
const RANDOM_START_MAX_KM = 300;

const fixture = useServer({
  config: {
    admin: { grant_email: ADMIN_EMAIL },
    rate_limits: GENEROUS_RATE_LIMITS,
    profile: { random_start_max_km: RANDOM_START_MAX_KM },
  },
});

const idsOf = (users: readonly ProfileUser[]) => users.map((u) => u.accountId);

/** Every profile a new session lists with these filters (and NEAR unless overridden). */
const browse = (viewer: ProfileUser, filters: BrowseFilters = {}) =>
  browseIds(fixture.server, viewer, { filters: { ...NEAR, ...filters } });

describe("filters", () => {
  test("min and max distance, edges included", async () => {
    const origin = region(0);
    const viewer = await womanAt(fixture.server, origin);
    const men = await menAt(fixture.server, origin, [10, 50, 100, 200, 400]);
    const [m10, m50, m100, m200, m400] = men;
    expect(await browse(viewer)).toEqual(idsOf(men));
    expect(await browse(viewer, { min_distance_km: 40 })).toEqual(idsOf([m50, m100, m200, m400]));
    expect(await browse(viewer, { max_distance_km: 150 })).toEqual(idsOf([m10, m50, m100]));
    expect(await browse(viewer, { min_distance_km: 40, max_distance_km: 150 })).toEqual(idsOf([m50, m100]));

    // m50 is 50.3 km away: a metre either side of it decides.
    expect(await browse(viewer, { min_distance_km: 50.299, max_distance_km: 50.301 })).toEqual(idsOf([m50]));
    expect(await browse(viewer, { min_distance_km: 10.301, max_distance_km: 50.299 })).toEqual([]);
    expect(await browse(viewer, { min_distance_km: 50.301, max_distance_km: 100.299 })).toEqual([]);
    expect(await browse(viewer, { min_distance_km: 0, max_distance_km: 0 })).toEqual([]);
    closeAll([viewer, ...men]);
  });

  test("attributes: wanted values with and/or, unwanted values, several filters together", async () => {
    const origin = region(1);
    const viewer = await womanAt(fixture.server, origin);
    const definitions = await as(fixture.server, viewer).get<AttributeDefinitions>("/profile/attributes");
    // The embedded default attributes: 1 is single choice, 6 multiple choice with ids 1–3 among its values.
    const goal = definitions.body.attributes.find((a) => a.id === 1);
    const languages = definitions.body.attributes.find((a) => a.id === 6);
    expect(goal?.kind).toBe("single");
    expect(languages?.kind).toBe("multiple");
    expect(languages?.values?.map((v) => v.id)).toEqual(expect.arrayContaining([1, 2, 3]));

    const answers: Record<string, number[]>[] = [
      { "1": [1], "6": [1, 2] }, // a
      { "1": [2], "6": [1] }, // b
      {}, // c: no answers
      { "6": [2, 3] }, // d
      { "1": [1], "6": [3] }, // e
    ];
    const [a, b, c, d, e] = await menAt(fixture.server, origin, [10, 20, 30, 40, 50]);
    for (const [index, user] of [a, b, c, d, e].entries())
      await editProfile(fixture.server, user, { attributes: answers[index] as Record<string, number[]> });
    const withAttributes = (...filters: NonNullable<BrowseFilters["attributes"]>) =>
      browse(viewer, { attributes: filters });

    expect(await withAttributes({ attribute_id: 6, wanted: [1, 2], mode: "and" })).toEqual(idsOf([a]));
    expect(await withAttributes({ attribute_id: 6, wanted: [1, 2], mode: "or" })).toEqual(idsOf([a, b, d]));
    expect(await withAttributes({ attribute_id: 6, wanted: [1, 2] })).toEqual(idsOf([a, b, d]));
    expect(await withAttributes({ attribute_id: 6, unwanted: [2] })).toEqual(idsOf([b, c, e]));
    expect(await withAttributes({ attribute_id: 6, wanted: [1], unwanted: [2] })).toEqual(idsOf([b]));
    expect(await withAttributes({ attribute_id: 1, wanted: [1, 2] })).toEqual(idsOf([a, b, e]));
    expect(await withAttributes({ attribute_id: 1, wanted: [1] }, { attribute_id: 6, wanted: [3] })).toEqual(
      idsOf([e]),
    );
    expect(
      await withAttributes({ attribute_id: 1, unwanted: [1, 2] }, { attribute_id: 6, wanted: [3] }),
    ).toEqual(idsOf([d]));
    expect(await withAttributes()).toEqual(idsOf([a, b, c, d, e]));

    const api = as(fixture.server, viewer);
    for (const filter of [
      { attribute_id: 999, wanted: [1] },
      { attribute_id: 6, wanted: [999] },
      { attribute_id: 6, unwanted: [999] },
      { attribute_id: 6, wanted: [1], mode: "xor" },
    ])
      expectError(
        await api.post("/profile/page/reset", { filters: { attributes: [filter] } }),
        400,
        "validation_failed",
      );
    closeAll([viewer, a, b, c, d, e]);
  });

  test("last_seen_within_seconds: online now, or seen within that many seconds; hidden last-seen fails it", async () => {
    const origin = region(2);
    const viewer = await womanAt(fixture.server, origin);
    const [online, offline, hiding] = await menAt(fixture.server, origin, [10, 20, 30]);
    await setPrivacy(fixture.server, hiding, { show_last_seen: false, show_online: true });
    offline.ws.close();
    await offline.ws.closed;
    await waitUntilOffline(fixture.server, viewer, offline);
    const seen = await viewProfile(fixture.server, viewer, offline.accountId);
    const lastSeen = (seen.body as { profile: { last_seen: number } }).profile.last_seen;
    // Seen more than one second ago, less than two.
    await sleep(Math.max(0, lastSeen + 1050 - Date.now()));

    expect(await browse(viewer)).toEqual(idsOf([online, offline, hiding]));
    expect(await browse(viewer, { last_seen_within_seconds: 0 })).toEqual(idsOf([online]));
    expect(await browse(viewer, { last_seen_within_seconds: 1 })).toEqual(idsOf([online]));
    expect(await browse(viewer, { last_seen_within_seconds: 2 })).toEqual(idsOf([online, offline]));
    expect(await browse(viewer, { last_seen_within_seconds: 86400 })).toEqual(idsOf([online, offline]));
    closeAll([viewer, online, hiding]);
  });

  test("created_after and edited_after (Unix ms, strictly after)", async () => {
    const origin = region(3);
    const viewer = await womanAt(fixture.server, origin);
    const early = await manAt(fixture.server, origin, 10);
    await sleep(3);
    const createdMark = Date.now();
    await sleep(3);
    const late = await manAt(fixture.server, origin, 20);
    await sleep(3);
    const editedMark = Date.now();
    await sleep(3);
    await editProfile(fixture.server, early, { unlimited_likes: true });

    expect(await browse(viewer, { created_after: 0 })).toEqual(idsOf([early, late]));
    expect(await browse(viewer, { created_after: createdMark })).toEqual(idsOf([late]));
    expect(await browse(viewer, { created_after: Date.now() + 60_000 })).toEqual([]);
    expect(await browse(viewer, { edited_after: editedMark })).toEqual(idsOf([early]));
    expect(await browse(viewer, { edited_after: createdMark })).toEqual(idsOf([early, late]));
    expect(await browse(viewer, { created_after: createdMark, edited_after: editedMark })).toEqual([]);
    closeAll([viewer, early, late]);
  });

  test("text_length counts the characters of accepted texts only", async () => {
    const origin = region(4);
    const admin = await createProfileUser(fixture.server, { email: ADMIN_EMAIL, visibility: "private" });
    const viewer = await womanAt(fixture.server, origin);
    const [empty, five, ten, twenty, pending] = await menAt(fixture.server, origin, [10, 20, 30, 40, 50]);
    const texts: [ProfileUser, string, boolean][] = [
      [five, "ééééé", true], // 5 characters, 10 bytes
      [ten, "x".repeat(10), true],
      [twenty, "z".repeat(20), true],
      [pending, "y".repeat(20), false],
    ];
    for (const [user, text, accept] of texts) {
      await editProfile(fixture.server, user, { text });
      if (!accept) continue;
      const decided = await as(fixture.server, admin).post("/admin/profile/moderation", {
        account_id: user.accountId,
        field: "text",
        accept: true,
      });
      expect(decided.status, JSON.stringify(decided.body)).toBe(200);
      await expectProfileChanged(user);
    }

    const length = (range: { min?: number; max?: number }) => browse(viewer, { text_length: range });
    expect(await length({ min: 5, max: 10 })).toEqual(idsOf([five, ten]));
    expect(await length({ min: 6 })).toEqual(idsOf([ten, twenty]));
    expect(await length({ min: 1 })).toEqual(idsOf([five, ten, twenty]));
    expect(await length({ max: 4 })).toEqual(idsOf([empty, pending]));
    expect(await length({ max: 0 })).toEqual(idsOf([empty, pending]));
    expect(await length({ min: 20, max: 20 })).toEqual(idsOf([twenty]));
    expect(await length({})).toEqual(idsOf([empty, five, ten, twenty, pending]));
    closeAll([admin, viewer, empty, five, ten, twenty, pending]);
  });

  test("unlimited_likes_only, and every filter combined with AND", async () => {
    const origin = region(5);
    const viewer = await womanAt(fixture.server, origin);
    const [a, b, c] = await menAt(fixture.server, origin, [10, 20, 30]);
    await editProfile(fixture.server, a, { unlimited_likes: true, attributes: { "1": [1] } });
    await editProfile(fixture.server, c, { unlimited_likes: true, attributes: { "1": [2] } });

    expect(await browse(viewer, { unlimited_likes_only: true })).toEqual(idsOf([a, c]));
    expect(await browse(viewer, { unlimited_likes_only: false })).toEqual(idsOf([a, b, c]));
    expect(await browse(viewer, { unlimited_likes_only: true, min_distance_km: 15 })).toEqual(idsOf([c]));
    expect(
      await browse(viewer, { unlimited_likes_only: true, attributes: [{ attribute_id: 1, wanted: [1] }] }),
    ).toEqual(idsOf([a]));
    expect(
      await browse(viewer, {
        unlimited_likes_only: true,
        attributes: [{ attribute_id: 1, wanted: [1] }],
        min_distance_km: 15,
      }),
    ).toEqual([]);
    closeAll([viewer, a, b, c]);
  });

  test("random_start begins at a random distance below random_start_max_km", async () => {
    const origin = region(6);
    const viewer = await womanAt(fixture.server, origin);
    const men = await menAt(fixture.server, origin, [1, 100, 200, RANDOM_START_MAX_KM + 50, 450]);
    const all = idsOf(men);
    expect(await browseIds(fixture.server, viewer, { filters: NEAR, random_start: false })).toEqual(all);

    const lengths = new Set<number>();
    for (let i = 0; i < 8; i++) {
      const ids = await browseIds(fixture.server, viewer, { filters: NEAR, random_start: true });
      // Some nearest profiles are skipped, never the order or anything beyond the maximum start.
      expect(ids).toEqual(all.slice(all.length - ids.length));
      expect(ids.length).toBeGreaterThanOrEqual(2);
      lengths.add(ids.length);
    }
    expect(Math.min(...lengths)).toBeLessThan(all.length);

    // A minimum distance still applies.
    for (let i = 0; i < 3; i++) {
      const ids = await browseIds(fixture.server, viewer, {
        filters: { ...NEAR, min_distance_km: 150 },
        random_start: true,
      });
      expect(all.slice(2).slice(-ids.length)).toEqual(ids);
      expect(ids.length).toBeGreaterThanOrEqual(2);
    }
    closeAll([viewer, ...men]);
  });
});
