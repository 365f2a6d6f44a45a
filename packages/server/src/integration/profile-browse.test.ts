import type { BrowseItem, BrowsePage } from "@venus/model";
import { describe, expect, test } from "vitest";
import { expectError } from "../testing/account-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import {
  as,
  birthdateFor,
  browseIds,
  browseNext,
  browseReset,
  closeAll,
  createProfileUser,
  editProfile,
  expectNoFrames,
  GENDERS,
  itemOf,
  manAt,
  menAt as placeMen,
  NEAR,
  north,
  region,
  setLocation,
  setPrivacy,
  setVisibility,
  waitUntilOffline,
  womanAt,
  wsRequest,
  type Gender,
  type NewProfile,
  type Point,
  type ProfileUser,
} from "../testing/profile-flow.js";
import { useServer } from "../testing/server-fixture.js";
import { signUp } from "../testing/sign-in.js";

const PAGE_SIZE = 3;

const fixture = useServer({
  config: {
    rate_limits: GENEROUS_RATE_LIMITS,
    profile: { page_size: PAGE_SIZE },
  },
});

const person = (options: NewProfile) => createProfileUser(fixture.server, options);
const man = (origin: Point, km: number, options: NewProfile = {}) =>
  manAt(fixture.server, origin, km, options);
const menAt = <const K extends readonly number[]>(origin: Point, kms: K) =>
  placeMen(fixture.server, origin, kms);
const viewerAt = (origin: Point, options: NewProfile = {}) => womanAt(fixture.server, origin, options);

const idsOf = (users: readonly ProfileUser[]) => users.map((u) => u.accountId);
const pageIds = (page: BrowsePage) => page.profiles.map((p) => p.account_id);

describe("order and paging", () => {
  test("profiles come nearest first across pages, each once, with version, whole km and presence", async () => {
    const origin = region(0);
    const viewer = await viewerAt(origin);
    const byKm = new Map<number, ProfileUser>();
    for (const km of [320, 5, 80, 20, 160, 10, 40]) byKm.set(km, await man(origin, km));
    const items = (...kms: number[]) => kms.map((km) => itemOf(byKm.get(km) as ProfileUser, km));

    const session = await browseReset(fixture.server, viewer, { filters: NEAR });
    expect(await browseNext(fixture.server, viewer, session)).toEqual({
      profiles: items(5, 10, 20),
      done: false,
    });
    expect(await browseNext(fixture.server, viewer, session)).toEqual({
      profiles: items(40, 80, 160),
      done: false,
    });
    expect(await browseNext(fixture.server, viewer, session)).toEqual({ profiles: items(320), done: true });
    expect(await browseNext(fixture.server, viewer, session)).toEqual({ profiles: [], done: true });

    // Without a distance limit the same profiles come first, then farther ones; none twice, never the viewer.
    const all = await browseIds(fixture.server, viewer);
    expect(all.slice(0, 7)).toEqual(items(5, 10, 20, 40, 80, 160, 320).map((i) => i.account_id));
    expect(new Set(all).size).toBe(all.length);
    expect(all).not.toContain(viewer.accountId);
    closeAll([viewer, ...byKm.values()]);
  });

  test("a profile moving between pages never appears twice; unmoved ones are never skipped", async () => {
    const origin = region(1);
    const viewer = await viewerAt(origin);
    const c = await menAt(origin, [10, 20, 30, 40, 50, 60, 70, 80, 90]);
    const [c1, c2, c3, c4, c5, c6, c7, c8, c9] = c;
    const session = await browseReset(fixture.server, viewer, { filters: NEAR });
    const first = await browseNext(fixture.server, viewer, session);
    expect(pageIds(first)).toEqual(idsOf([c1, c2, c3]));

    const moves: [ProfileUser, number][] = [
      [c1, 55], // already shown
      [c5, 85], // not yet shown, farther away
      [c7, 15], // not yet shown, into the part already browsed
      [c9, 35], // not yet shown, nearer
    ];
    for (const [user, km] of moves) await setLocation(fixture.server, user, north(origin, km + 0.3));
    const newcomer = await man(origin, 65);

    const rest: BrowseItem[] = [];
    for (let page = 0; page < 20; page++) {
      const next = await browseNext(fixture.server, viewer, session);
      rest.push(...next.profiles);
      if (next.done) break;
    }
    const all = [...first.profiles, ...rest];
    const ids = all.map((item) => item.account_id);
    expect(new Set(ids).size).toBe(ids.length);
    const unmoved = [c2, c3, c4, c6, c8];
    expect(all.filter((item) => idsOf(unmoved).includes(item.account_id))).toEqual([
      itemOf(c2, 20),
      itemOf(c3, 30),
      itemOf(c4, 40),
      itemOf(c6, 60),
      itemOf(c8, 80),
    ]);
    const shown = (user: ProfileUser) => rest.filter((item) => item.account_id === user.accountId);
    // Shown before it moved: not again. Moved into the part already browsed: not this session.
    expect(shown(c1)).toEqual([]);
    expect(shown(c7)).toEqual([]);
    // Moved or added farther out: shown once, at the new distance.
    expect(shown(c5)).toEqual([itemOf(c5, 85)]);
    expect(shown(newcomer)).toEqual([itemOf(newcomer, 65)]);
    // Moved nearer, near the edge of the part browsed: at most once, and then at the new distance.
    expect(shown(c9).length).toBeLessThanOrEqual(1);
    for (const item of shown(c9)) expect(item).toEqual(itemOf(c9, 35));

    // A new session has everyone at their new place, in order.
    expect(await browseIds(fixture.server, viewer, { filters: NEAR })).toEqual(
      idsOf([c7, c2, c3, c9, c4, c1, c6, newcomer, c8, c5]),
    );
    closeAll([viewer, ...c, newcomer]);
  });
});

describe("the two-sided match rule", () => {
  test("genders: each one's gender is among the genders the other wants", async () => {
    const origin = region(2);
    const wantedSets: Gender[][] = [["man"], ["woman"], ["non_binary"], ["man", "woman", "non_binary"]];
    const people: { label: string; gender: Gender; wanted: Gender[]; user: ProfileUser }[] = [];
    let km = 1;
    for (const gender of GENDERS) {
      for (const wanted of wantedSets) {
        const user = await person({ gender, wantedGenders: wanted, location: north(origin, km++) });
        people.push({ label: `${gender} wanting ${wanted.join("+")}`, gender, wanted, user });
      }
    }
    const sees = new Map<string, string[]>();
    for (const p of people) sees.set(p.label, await browseIds(fixture.server, p.user, { filters: NEAR }));
    const labelOf = (id: string) => people.find((p) => p.user.accountId === id)?.label;

    for (const p of people) {
      const expected = people.filter(
        (q) => q !== p && p.wanted.includes(q.gender) && q.wanted.includes(p.gender),
      );
      expect((sees.get(p.label) ?? []).map(labelOf).sort(), p.label).toEqual(
        expected.map((q) => q.label).sort(),
      );
    }
    // Spelled out: one side wanting the other is not enough.
    const seen = (viewer: string) => (sees.get(viewer) ?? []).map(labelOf);
    expect(seen("woman wanting man")).toContain("man wanting woman");
    expect(seen("woman wanting man")).not.toContain("man wanting man");
    expect(seen("man wanting man")).not.toContain("woman wanting man");
    expect(seen("man wanting man")).toEqual(expect.arrayContaining(["man wanting man+woman+non_binary"]));
    expect(seen("non_binary wanting non_binary")).toEqual(
      expect.arrayContaining(["non_binary wanting man+woman+non_binary"]),
    );
    expect(seen("non_binary wanting non_binary")).not.toContain("woman wanting man+woman+non_binary");
    expect(seen("man wanting man+woman+non_binary")).toEqual(
      expect.arrayContaining([
        "man wanting man",
        "woman wanting man",
        "non_binary wanting man+woman+non_binary",
      ]),
    );
    closeAll(people.map((p) => p.user));
  });

  test("ages: each one's age is within the range the other wants, edges included", async () => {
    const origin = region(3);
    const viewer = await viewerAt(origin, { age: 30 });
    await editProfile(fixture.server, viewer, { wanted_age: { min: 25, max: 35 } });
    const cases: { label: string; age: number; wants?: { min: number; max: number }; mutual: boolean }[] = [
      { label: "25, the viewer's lowest", age: 25, mutual: true },
      { label: "24, too young for the viewer", age: 24, mutual: false },
      { label: "35, the viewer's highest", age: 35, mutual: true },
      { label: "36, too old for the viewer", age: 36, mutual: false },
      { label: "30 wanting exactly 30", age: 30, wants: { min: 30, max: 30 }, mutual: true },
      {
        label: "30 wanting 31-40 (the viewer is too young)",
        age: 30,
        wants: { min: 31, max: 40 },
        mutual: false,
      },
      {
        label: "30 wanting 18-29 (the viewer is too old)",
        age: 30,
        wants: { min: 18, max: 29 },
        mutual: false,
      },
    ];
    const candidates: ProfileUser[] = [];
    for (const [index, c] of cases.entries()) {
      const user = await man(origin, index + 1, { age: c.age });
      if (c.wants) await editProfile(fixture.server, user, { wanted_age: c.wants });
      candidates.push(user);
    }

    const viewerSees = await browseIds(fixture.server, viewer, { filters: NEAR });
    expect(viewerSees).toEqual(idsOf(candidates.filter((_, i) => cases[i]?.mutual)));
    for (const [index, c] of cases.entries()) {
      const seen = await browseIds(fixture.server, candidates[index] as ProfileUser, { filters: NEAR });
      expect(seen, c.label).toEqual(c.mutual ? [viewer.accountId] : []);
    }
    closeAll([viewer, ...candidates]);
  });
});

describe("what is listed", () => {
  test("visibility and matching changes move profiles out of and back into results", async () => {
    const origin = region(4);
    const viewer = await viewerAt(origin);
    const [a, b, c, d, e] = await menAt(origin, [10, 20, 30, 40, 50]);
    const browse = () => browseIds(fixture.server, viewer, { filters: NEAR });
    expect(await browse()).toEqual(idsOf([a, b, c, d, e]));

    await setVisibility(fixture.server, b, "private");
    expect(await browse()).toEqual(idsOf([a, c, d, e]));

    // Within a session: a profile that turns private or stops matching before its page is left out.
    const session = await browseReset(fixture.server, viewer, { filters: NEAR });
    expect(pageIds(await browseNext(fixture.server, viewer, session))).toEqual(idsOf([a, c, d]));
    await setVisibility(fixture.server, e, "private");
    expect(await browseNext(fixture.server, viewer, session)).toEqual({ profiles: [], done: true });

    await setVisibility(fixture.server, b, "public");
    await setVisibility(fixture.server, e, "public");
    expect(await browse()).toEqual(idsOf([a, b, c, d, e]));

    const again = await browseReset(fixture.server, viewer, { filters: NEAR });
    expect(pageIds(await browseNext(fixture.server, viewer, again))).toEqual(idsOf([a, b, c]));
    await editProfile(fixture.server, d, { wanted_genders: ["non_binary"] });
    expect(pageIds(await browseNext(fixture.server, viewer, again))).toEqual(idsOf([e]));
    expect(await browse()).toEqual(idsOf([a, b, c, e]));
    await editProfile(fixture.server, d, { wanted_genders: ["woman"] });
    expect(await browse()).toEqual(idsOf([a, b, c, d, e]));
    closeAll([viewer, a, b, c, d, e]);
  });

  test("only public profiles with a location of accounts in normal state are listed", async () => {
    const origin = region(5);
    const viewer = await viewerAt(origin);
    const listed = await man(origin, 10);
    const hidden = await man(origin, 5, { visibility: "private" });
    const noLocation = await person({ gender: "man", wantedGenders: ["woman"] });
    const inSetup = await signUp(fixture.server);
    const setup = await as(fixture.server, inSetup).post("/account/setup", {
      name: "Sam",
      birthdate: birthdateFor(30),
      gender: "man",
      looking_for: ["woman"],
    });
    expect(setup.status).toBe(200);
    expectError(
      await as(fixture.server, inSetup).put("/profile/location", north(origin, 1)),
      409,
      "invalid_state",
    );

    const all = await browseIds(fixture.server, viewer);
    expect(all[0]).toBe(listed.accountId);
    for (const absent of [hidden, noLocation, inSetup]) expect(all).not.toContain(absent.accountId);
    closeAll([viewer, listed, hidden, noLocation, inSetup]);
  });

  test("items hide last_seen and online as the profile's privacy says; offline profiles are online: false", async () => {
    const origin = region(6);
    const viewer = await viewerAt(origin);
    const hiding = await man(origin, 10);
    await setPrivacy(fixture.server, hiding, { show_last_seen: false, show_online: false });
    const offline = await man(origin, 20);
    offline.ws.close();
    await offline.ws.closed;
    await waitUntilOffline(fixture.server, viewer, offline);

    const session = await browseReset(fixture.server, viewer, { filters: NEAR });
    expect(await browseNext(fixture.server, viewer, session)).toEqual({
      profiles: [
        {
          account_id: hiding.accountId,
          version: hiding.version,
          distance_km: 10,
          last_seen: null,
          online: null,
          verified: false,
        },
        {
          account_id: offline.accountId,
          version: offline.version,
          distance_km: 20,
          last_seen: expect.any(Number),
          online: false,
          verified: false,
        },
      ],
      done: true,
    });
    closeAll([viewer, hiding]);
  });
});

describe("sessions and errors", () => {
  test("the viewer needs a location; an old or unknown session is browse_session_expired; bodies are validated", async () => {
    const origin = region(7);
    const viewer = await person({ gender: "woman", wantedGenders: ["man"], visibility: "private" });
    const candidate = await man(origin, 10);
    const api = as(fixture.server, viewer);
    expectError(await api.post("/profile/page/reset", {}), 409, "invalid_state");
    // A private viewer browses once it has a location.
    await setLocation(fixture.server, viewer, origin);
    expectError(
      await api.post("/profile/page/next", { session_id: "unknown" }),
      409,
      "browse_session_expired",
    );

    const first = await browseReset(fixture.server, viewer, { filters: NEAR });
    const second = await browseReset(fixture.server, viewer, { filters: NEAR });
    expect(second).not.toBe(first);
    expectError(await api.post("/profile/page/next", { session_id: first }), 409, "browse_session_expired");

    for (const body of [
      { filters: { min_distance_km: 20, max_distance_km: 10 } },
      { filters: { max_distance_km: -1 } },
      { filters: { max_distance_km: 40076 } },
      { filters: { colour: "red" } },
      { filters: { attributes: [{ attribute_id: 9999, wanted: [1] }] } },
      { filters: { attributes: [{ attribute_id: 1, wanted: [9999] }] } },
      { filters: { last_seen_within_seconds: -1 } },
      { filters: { text_length: { min: -1 } } },
      { random_start: "yes" },
      { extra: 1 },
      [],
    ]) {
      expectError(await api.post("/profile/page/reset", body), 400, "validation_failed");
    }
    for (const body of [
      {},
      { session_id: "x".repeat(65) },
      { session_id: 5 },
      { session_id: second, extra: 1 },
    ])
      expectError(await api.post("/profile/page/next", body), 400, "validation_failed");
    expectError(await api.post("/profile/page/reset", "{"), 400, "invalid_json");

    // The refused resets did not replace the session.
    expect(await browseNext(fixture.server, viewer, second)).toEqual({
      profiles: [itemOf(candidate, 10)],
      done: true,
    });
    closeAll([viewer, candidate]);
  });

  test("reset and next work as WebSocket request frames, sharing the session with HTTP", async () => {
    const origin = region(8);
    const viewer = await viewerAt(origin);
    const c = await menAt(origin, [10, 20, 30, 40]);
    const [c1, c2, c3, c4] = c;

    const reset = await wsRequest(viewer.ws, "profile.page.reset", { filters: NEAR }, 1);
    expect(reset.frame).toEqual({
      type: "response",
      id: 1,
      status: 200,
      body: { session_id: expect.any(String) },
    });
    const sessionId = (reset.body as { session_id: string }).session_id;
    const next = await wsRequest(viewer.ws, "profile.page.next", { session_id: sessionId }, "page-1");
    expect(next.frame).toEqual({
      type: "response",
      id: "page-1",
      status: 200,
      body: { profiles: [itemOf(c1, 10), itemOf(c2, 20), itemOf(c3, 30)], done: false },
    });
    expect(await browseNext(fixture.server, viewer, sessionId)).toEqual({
      profiles: [itemOf(c4, 40)],
      done: true,
    });

    // An HTTP reset replaces the session the WebSocket started.
    const httpSession = await browseReset(fixture.server, viewer, { filters: NEAR });
    const stale = await wsRequest(viewer.ws, "profile.page.next", { session_id: sessionId });
    expect(stale.status).toBe(409);
    expect(stale.body).toEqual({ error: { code: "browse_session_expired", message: expect.any(String) } });
    const fresh = await wsRequest(viewer.ws, "profile.page.next", { session_id: httpSession });
    expect(fresh.status).toBe(200);
    expect(pageIds(fresh.body as BrowsePage)).toEqual(idsOf([c1, c2, c3]));

    const invalid = await wsRequest(viewer.ws, "profile.page.reset", { filters: { max_distance_km: -1 } });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ error: { code: "validation_failed" } });
    const noBody = await wsRequest(viewer.ws, "profile.page.next");
    expect(noBody.status).toBe(400);
    expect(noBody.body).toMatchObject({ error: { code: "validation_failed" } });
    const unknown = await wsRequest(viewer.ws, "profile.delete", {});
    expect(unknown.frame).toEqual({
      type: "response",
      id: unknown.frame.id,
      status: 404,
      body: { error: { code: "not_found", message: expect.any(String) } },
    });
    viewer.ws.send({ type: "request", method: "profile.page.reset", body: {} });
    expect(await viewer.ws.next()).toMatchObject({ type: "error", code: "invalid_frame" });
    await expectNoFrames(viewer.ws);

    // The same over msgpack.
    const packed = await viewerAt(north(origin, 0.1), { msgpack: true });
    expect(packed.ws.socket.protocol).toBe("msgpack");
    const packedReset = await wsRequest(packed.ws, "profile.page.reset", { filters: NEAR }, "r");
    expect(packedReset.status).toBe(200);
    const packedPage = await wsRequest(packed.ws, "profile.page.next", packedReset.body, "n");
    expect(packedPage.body).toEqual({
      profiles: [itemOf(c1, 10), itemOf(c2, 20), itemOf(c3, 30)],
      done: false,
    });
    closeAll([viewer, packed, ...c]);
  });
});
