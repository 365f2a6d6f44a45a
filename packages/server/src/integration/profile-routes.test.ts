import type { AttributeDefinition, AttributeDefinitions, OwnProfile, ProfileView } from "@venus/model";
import { describe, expect, test } from "vitest";
import { expectError, getState } from "../testing/account-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { MEDIA_VERSION_AFTER_SETUP } from "../testing/media-flow.js";
import {
  as,
  birthdateFor,
  browseNext,
  browseReset,
  createProfileUser,
  editProfile,
  editRequestOf,
  expectNoFrames,
  expectProfileChanged,
  getOwnProfile,
  HELSINKI,
  north,
  setLocation,
  setPrivacy,
  setVisibility,
  TAMPERE,
  viewProfile,
  waitUntilOffline,
  type ProfileUser,
} from "../testing/profile-flow.js";
import { useServer } from "../testing/server-fixture.js";
import { connect, login, signUp } from "../testing/sign-in.js";

const ADMIN_EMAIL = "boss@example.com";
const NAME_MAX_BYTES = 20;
const TEXT_MAX_BYTES = 60;

const fixture = useServer({
  config: {
    admin: { grant_email: ADMIN_EMAIL },
    rate_limits: GENEROUS_RATE_LIMITS,
    profile: {
      name_max_bytes: NAME_MAX_BYTES,
      // Letters, spaces, apostrophes and hyphens only.
      name_regex: "^[\\p{L} '-]+$",
      text_max_bytes: TEXT_MAX_BYTES,
    },
  },
});

const MADRID = { latitude: 40.4168, longitude: -3.7038 };

/** Expects a failure whose message names the field it is about. */
function expectInvalid(result: { status: number; body: unknown }, field: string): void {
  expectError(result, 400, "validation_failed");
  expect((result.body as { error: { message: string } }).error.message).toContain(field);
}

function viewOf(result: { status: number; body: unknown }): ProfileView {
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  expect(result.body).toMatchObject({ unchanged: false });
  return (result.body as { profile: ProfileView }).profile;
}

describe("before setup is complete", () => {
  test("profile routes answer invalid_state; attributes are readable; nobody sees a profile", async () => {
    const user = await signUp(fixture.server);
    const api = as(fixture.server, user);
    const edit = {
      name: "Alex",
      text: "",
      age: 30,
      gender: "woman",
      wanted_genders: ["man"],
      wanted_age: { min: 18, max: 99 },
      unlimited_likes: false,
    };
    for (const result of [
      await api.get("/profile/me"),
      await api.put("/profile", edit),
      await api.put("/profile/location", HELSINKI),
      await api.put("/profile/visibility", { visibility: "public" }),
      await api.put("/profile/privacy", { show_last_seen: true, show_online: true }),
      await api.post("/profile/page/reset", {}),
      await api.post("/profile/page/next", { session_id: "abc" }),
    ]) {
      expectError(result, 409, "invalid_state");
    }
    expect((await api.get("/profile/attributes")).status).toBe(200);

    const other = await createProfileUser(fixture.server, { location: MADRID });
    expectError(await viewProfile(fixture.server, other, user.accountId), 404, "not_found");
    await expectNoFrames(user.ws);
    user.ws.close();
    other.ws.close();
  });

  test("profile routes need a signed-in user", async () => {
    expectError(await as(fixture.server, { accessToken: "" }).get("/profile/me"), 401, "invalid_token");
    expectError(
      await as(fixture.server, { accessToken: "nope" }).put("/profile/location", HELSINKI),
      401,
      "invalid_token",
    );
  });
});

describe("GET /profile/me", () => {
  test("after setup: the setup answers, pending name, private, no location, every age wanted", async () => {
    const user = await createProfileUser(fixture.server, {
      name: "Maija",
      gender: "non_binary",
      age: 45,
      wantedGenders: ["woman", "non_binary"],
      visibility: "private",
    });
    expect(await getOwnProfile(fixture.server, user)).toEqual({
      account_id: user.accountId,
      version: 1,
      name: { value: "Maija", state: "pending" },
      text: { value: "", state: "accepted" },
      age: 45,
      allowed_age: { min: 44, max: 46 },
      gender: "non_binary",
      wanted_genders: ["woman", "non_binary"],
      wanted_age: { min: 18, max: 99 },
      unlimited_likes: false,
      attributes: {},
      location: null,
      visibility: "private",
      privacy: { show_last_seen: true, show_online: true },
    } satisfies OwnProfile);
    user.ws.close();
  });
});

describe("PUT /profile", () => {
  test("saves the whole profile and answers it; the version goes up and every device of the owner hears", async () => {
    const user = await createProfileUser(fixture.server, { age: 30, visibility: "private" });
    const bystander = await createProfileUser(fixture.server);
    const second = await connect(fixture.server, await login(fixture.server, user.email), {
      kind: "android",
      sync: { account_state: 2, profile: user.version, media_content: MEDIA_VERSION_AFTER_SETUP },
    });
    await expectNoFrames(second.ws);

    const result = await as(fixture.server, user).put<OwnProfile>("/profile", {
      name: "  Anna-Liisa  ",
      text: "  Hello there  ",
      age: 31,
      gender: "man",
      wanted_genders: ["woman", "man", "non_binary"],
      wanted_age: { min: 25, max: 40 },
      unlimited_likes: true,
    });
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    expect(result.body).toEqual({
      account_id: user.accountId,
      version: 2,
      name: { value: "Anna-Liisa", state: "pending" },
      text: { value: "Hello there", state: "pending" },
      age: 31,
      allowed_age: { min: 29, max: 31 },
      gender: "man",
      wanted_genders: ["woman", "man", "non_binary"],
      wanted_age: { min: 25, max: 40 },
      unlimited_likes: true,
      attributes: {},
      location: null,
      visibility: "private",
      privacy: { show_last_seen: true, show_online: true },
    } satisfies OwnProfile);
    await expectProfileChanged(user, 2);
    expect(await second.ws.next()).toEqual({ type: "event", event: "profile_changed", data: { version: 2 } });
    expect(await getOwnProfile(fixture.server, user)).toEqual(result.body);
    await expectNoFrames(bystander.ws);

    // Settings changes are profile changes too: each one bumps the version once, on both devices.
    await setLocation(fixture.server, user, MADRID);
    await setVisibility(fixture.server, user, "public");
    await setPrivacy(fixture.server, user, { show_last_seen: false, show_online: true });
    for (const version of [3, 4, 5])
      expect(await second.ws.next()).toEqual({ type: "event", event: "profile_changed", data: { version } });
    expect((await getOwnProfile(fixture.server, user)).version).toBe(5);
    await expectNoFrames(bystander.ws);
    await expectNoFrames(second.ws);
    for (const c of [user, bystander, second]) c.ws.close();
  });

  test("name: trimmed, at most name_max_bytes bytes, an uppercase first letter, the configured pattern", async () => {
    const user = await createProfileUser(fixture.server, { visibility: "private" });
    const api = as(fixture.server, user);
    const base = editRequestOf(await getOwnProfile(fixture.server, user));
    const put = (name: string) => api.put<OwnProfile>("/profile", { ...base, name });

    const atEdge = "Ä".repeat(NAME_MAX_BYTES / 2);
    expect(Buffer.byteLength(atEdge)).toBe(NAME_MAX_BYTES);
    const saved = await put(`  ${atEdge}  `);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.name).toEqual({ value: atEdge, state: "pending" });
    await expectProfileChanged(user);
    expectInvalid(await put(`${atEdge}b`), "name");
    const asciiEdge = "A" + "b".repeat(NAME_MAX_BYTES - 1);
    expect((await put(asciiEdge)).status).toBe(200);
    await expectProfileChanged(user);
    expectInvalid(await put(`${asciiEdge}c`), "name");

    expectInvalid(await put("alex"), "name");
    expectInvalid(await put("élodie"), "name");
    expect((await put("Élodie")).status).toBe(200);
    await expectProfileChanged(user);
    expectInvalid(await put("Alex2"), "name");
    expectInvalid(await put("Al_ex"), "name");
    expect((await put("O'Brien")).status).toBe(200);
    await expectProfileChanged(user);
    expectInvalid(await put("   "), "name");
    expectInvalid(await put(""), "name");

    // Setup takes the same rules, since its name becomes the profile's.
    const fresh = await signUp(fixture.server);
    const setup = (name: string) =>
      as(fixture.server, fresh).post("/account/setup", {
        name,
        birthdate: birthdateFor(30),
        gender: "man",
        looking_for: ["woman"],
      });
    expectInvalid(await setup("alex"), "name");
    expectInvalid(await setup("Alex2"), "name");
    expectInvalid(await setup(`${atEdge}b`), "name");
    expect((await setup(atEdge)).status).toBe(200);

    // Refused edits changed nothing.
    expect((await getOwnProfile(fixture.server, user)).name.value).toBe("O'Brien");
    expect((await getOwnProfile(fixture.server, user)).version).toBe(user.version);
    await expectNoFrames(user.ws);
    user.ws.close();
    fresh.ws.close();
  });

  test("text: trimmed, at most text_max_bytes bytes; an empty text needs no moderation", async () => {
    const user = await createProfileUser(fixture.server, { visibility: "private" });
    const api = as(fixture.server, user);
    const base = editRequestOf(await getOwnProfile(fixture.server, user));
    const put = (text: string) => api.put<OwnProfile>("/profile", { ...base, text });

    const atEdge = "é".repeat(TEXT_MAX_BYTES / 2);
    expect(Buffer.byteLength(atEdge)).toBe(TEXT_MAX_BYTES);
    const saved = await put(`\n ${atEdge} \t`);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.text).toEqual({ value: atEdge, state: "pending" });
    await expectProfileChanged(user);
    expectInvalid(await put(`${atEdge}x`), "text");
    expect((await put("x".repeat(TEXT_MAX_BYTES))).status).toBe(200);
    await expectProfileChanged(user);
    expectInvalid(await put("x".repeat(TEXT_MAX_BYTES + 1)), "text");

    const cleared = await put("   ");
    expect(cleared.status).toBe(200);
    expect(cleared.body.text).toEqual({ value: "", state: "accepted" });
    await expectProfileChanged(user);
    expect((await getOwnProfile(fixture.server, user)).version).toBe(user.version);
    await expectNoFrames(user.ws);
    user.ws.close();
  });

  test("age: only within allowed_age; wanted_age: 18–99 with min not above max", async () => {
    const user = await createProfileUser(fixture.server, { age: 30, visibility: "private" });
    const api = as(fixture.server, user);
    const own = await getOwnProfile(fixture.server, user);
    expect(own.allowed_age).toEqual({ min: 29, max: 31 });
    const base = editRequestOf(own);
    const put = (changes: object) => api.put<OwnProfile>("/profile", { ...base, ...changes });

    for (const age of [29, 31, 30]) {
      const result = await put({ age });
      expect(result.status, JSON.stringify(result.body)).toBe(200);
      expect(result.body.age).toBe(age);
      await expectProfileChanged(user);
    }
    expectInvalid(await put({ age: 28 }), "age");
    expectInvalid(await put({ age: 32 }), "age");
    expectInvalid(await put({ age: 17 }), "age");
    expectInvalid(await put({ age: 100 }), "age");

    const same = await put({ wanted_age: { min: 40, max: 40 } });
    expect(same.status).toBe(200);
    expect(same.body.wanted_age).toEqual({ min: 40, max: 40 });
    await expectProfileChanged(user);
    expectInvalid(await put({ wanted_age: { min: 41, max: 40 } }), "wanted_age");
    expectInvalid(await put({ wanted_age: { min: 17, max: 40 } }), "wanted_age");
    expectInvalid(await put({ wanted_age: { min: 18, max: 100 } }), "wanted_age");
    expectInvalid(await put({ wanted_age: { min: 20 } }), "wanted_age");
    expect((await put({ wanted_age: { min: 18, max: 99 } })).status).toBe(200);
    await expectProfileChanged(user);

    expect((await getOwnProfile(fixture.server, user)).version).toBe(user.version);
    await expectNoFrames(user.ws);
    user.ws.close();
  });

  test("gender, wanted genders and the request shape are validated", async () => {
    const user = await createProfileUser(fixture.server, { visibility: "private" });
    const api = as(fixture.server, user);
    const base = editRequestOf(await getOwnProfile(fixture.server, user));
    const put = (body: object) => api.put("/profile", body);

    expectInvalid(await put({ ...base, gender: "robot" }), "gender");
    expectInvalid(await put({ ...base, wanted_genders: [] }), "wanted_genders");
    expectInvalid(await put({ ...base, wanted_genders: ["man", "man"] }), "wanted_genders");
    expectInvalid(await put({ ...base, wanted_genders: ["robot"] }), "wanted_genders");
    expectInvalid(await put({ ...base, unlimited_likes: "yes" }), "unlimited_likes");
    expectInvalid(await put({ ...base, location: HELSINKI }), "location");
    const { text: _text, ...withoutText } = base;
    expectInvalid(await put(withoutText), "text");
    expectError(await api.put("/profile", "{"), 400, "invalid_json");

    expect((await getOwnProfile(fixture.server, user)).version).toBe(user.version);
    await expectNoFrames(user.ws);
    user.ws.close();
  });

  test("attributes: answers from GET /profile/attributes are saved sorted; unknown ones and too many values are refused", async () => {
    const user = await createProfileUser(fixture.server, { visibility: "private" });
    const api = as(fixture.server, user);
    const definitions = await api.get<AttributeDefinitions>("/profile/attributes");
    expect(definitions.status).toBe(200);
    const attributes = definitions.body.attributes;
    const valueIds = (a: AttributeDefinition) =>
      a.values?.map((v) => v.id) ?? (a.groups ?? []).flatMap((g) => g.values.map((v) => v.id));
    const single = attributes.find((a) => a.kind === "single" && valueIds(a).length >= 2);
    const limited = attributes.find(
      (a) => a.kind === "multiple" && a.max_selected !== undefined && valueIds(a).length > a.max_selected,
    );
    const unlimited = attributes.find((a) => a.kind === "multiple" && a.max_selected === undefined);
    if (!single || !limited || !limited.max_selected || !unlimited)
      throw new Error("the default attributes need single, limited and unlimited multiple questions");
    const unknownAttribute = Math.max(...attributes.map((a) => a.id)) + 1;
    const max = limited.max_selected;

    const base = editRequestOf(await getOwnProfile(fixture.server, user));
    const put = (answers: Record<string, number[]> | undefined) =>
      api.put<OwnProfile>("/profile", { ...base, attributes: answers });

    const chosen = valueIds(limited).slice(0, max);
    const saved = await put({
      [single.id]: [valueIds(single)[1] as number],
      [limited.id]: [...chosen].reverse(),
      [unlimited.id]: valueIds(unlimited),
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const expected = {
      [single.id]: [valueIds(single)[1]],
      [limited.id]: [...chosen].sort((a, b) => a - b),
      [unlimited.id]: [...valueIds(unlimited)].sort((a, b) => a - b),
    };
    expect(saved.body.attributes).toEqual(expected);
    await expectProfileChanged(user);

    expectInvalid(await put({ [single.id]: valueIds(single).slice(0, 2) }), "attributes");
    expectInvalid(await put({ [limited.id]: valueIds(limited).slice(0, max + 1) }), "attributes");
    expectInvalid(await put({ [unknownAttribute]: [1] }), "attributes");
    expectInvalid(await put({ [single.id]: [Math.max(...valueIds(single)) + 1] }), "attributes");
    const first = valueIds(unlimited)[0] as number;
    expectInvalid(await put({ [unlimited.id]: [first, first] }), "attributes");
    expectInvalid(await put({ [`0${single.id}`]: [valueIds(single)[0] as number] }), "attributes");
    expectInvalid(await put({ [single.id]: [0] }), "attributes");

    // Without attributes the answers stay; given answers replace all of them, and an empty list is none.
    const kept = await put(undefined);
    expect(kept.body.attributes).toEqual(expected);
    await expectProfileChanged(user);
    const removed = await put({ ...(expected as Record<string, number[]>), [single.id]: [] });
    const { [single.id]: _removed, ...rest } = expected;
    expect(removed.body.attributes).toEqual(rest);
    await expectProfileChanged(user);

    expect((await getOwnProfile(fixture.server, user)).version).toBe(user.version);
    await expectNoFrames(user.ws);
    user.ws.close();
  });
});

describe("PUT /profile/location, /profile/visibility, /profile/privacy", () => {
  test("location: stored exactly for the owner; latitude ±90 and longitude ±180 at most", async () => {
    const user = await createProfileUser(fixture.server, { visibility: "private" });
    const api = as(fixture.server, user);
    await setLocation(fixture.server, user, HELSINKI);
    expect((await getOwnProfile(fixture.server, user)).location).toEqual(HELSINKI);
    for (const edge of [
      { latitude: 90, longitude: 180 },
      { latitude: -90, longitude: -180 },
    ]) {
      await setLocation(fixture.server, user, edge);
      expect((await getOwnProfile(fixture.server, user)).location).toEqual(edge);
    }
    for (const body of [
      { latitude: 90.000001, longitude: 0 },
      { latitude: -90.5, longitude: 0 },
      { latitude: 0, longitude: 180.000001 },
      { latitude: 0, longitude: -181 },
      { latitude: "60", longitude: 24 },
      { latitude: 60 },
      { latitude: null, longitude: 24 },
      { ...HELSINKI, accuracy: 5 },
    ]) {
      expectError(await api.put("/profile/location", body), 400, "validation_failed");
    }
    await setLocation(fixture.server, user, TAMPERE);
    expect((await getOwnProfile(fixture.server, user)).location).toEqual(TAMPERE);
    await expectNoFrames(user.ws);
    user.ws.close();
  });

  test("visibility and privacy answer the new version and validate their bodies", async () => {
    const user = await createProfileUser(fixture.server, { visibility: "private" });
    const api = as(fixture.server, user);
    await setVisibility(fixture.server, user, "public");
    expect((await getOwnProfile(fixture.server, user)).visibility).toBe("public");
    await setVisibility(fixture.server, user, "private");
    expect((await getOwnProfile(fixture.server, user)).visibility).toBe("private");
    await setPrivacy(fixture.server, user, { show_last_seen: false, show_online: true });
    expect((await getOwnProfile(fixture.server, user)).privacy).toEqual({
      show_last_seen: false,
      show_online: true,
    });
    for (const body of [{ visibility: "friends" }, {}, { visibility: "public", extra: 1 }])
      expectError(await api.put("/profile/visibility", body), 400, "validation_failed");
    for (const body of [
      { show_last_seen: true },
      { show_last_seen: "no", show_online: true },
      { show_last_seen: true, show_online: true, extra: 1 },
    ])
      expectError(await api.put("/profile/privacy", body), 400, "validation_failed");
    expect((await getOwnProfile(fixture.server, user)).version).toBe(user.version);
    await expectNoFrames(user.ws);
    user.ws.close();
  });
});

describe("GET /profile/{account_id}", () => {
  test("answers unchanged without the body while the caller's version is current, with the live distance and presence", async () => {
    const owner = await createProfileUser(fixture.server, {
      gender: "man",
      age: 40,
      location: MADRID,
    });
    const viewer = await createProfileUser(fixture.server);
    const version = owner.version;

    expect(viewOf(await viewProfile(fixture.server, viewer, owner.accountId))).toEqual({
      account_id: owner.accountId,
      version,
      name: null,
      text: "",
      age: 40,
      gender: "man",
      unlimited_likes: false,
      attributes: {},
      distance_km: null,
      last_seen: expect.any(Number),
      online: true,
      verified: false,
    } satisfies ProfileView);
    const unchanged = await viewProfile(fixture.server, viewer, owner.accountId, version);
    expect(unchanged.status).toBe(200);
    expect(unchanged.body).toEqual({
      unchanged: true,
      version,
      distance_km: null,
      last_seen: expect.any(Number),
      online: true,
      verified: false,
    });
    // The viewer moves: the owner's version stays, the distance it sees does not.
    await setLocation(fixture.server, viewer, north(MADRID, 12));
    expect((await viewProfile(fixture.server, viewer, owner.accountId, version)).body).toMatchObject({
      unchanged: true,
      version,
      distance_km: 12,
    });
    expect(viewOf(await viewProfile(fixture.server, viewer, owner.accountId, version - 1)).version).toBe(
      version,
    );

    await editProfile(fixture.server, owner, { unlimited_likes: true });
    const changed = viewOf(await viewProfile(fixture.server, viewer, owner.accountId, version));
    expect(changed).toMatchObject({ version: version + 1, unlimited_likes: true });
    expect((await viewProfile(fixture.server, viewer, owner.accountId, version + 1)).body).toMatchObject({
      unchanged: true,
      version: version + 1,
    });
    await setLocation(fixture.server, owner, north(MADRID, 1));
    expect(viewOf(await viewProfile(fixture.server, viewer, owner.accountId, version + 1)).version).toBe(
      version + 2,
    );

    for (const bad of ["abc", "-1", "1.5", ""])
      expectError(
        await as(fixture.server, viewer).get(`/profile/${owner.accountId}?version=${bad}`),
        400,
        "validation_failed",
      );
    expectError(
      await viewProfile(fixture.server, viewer, "00000000-0000-4000-8000-000000000000"),
      404,
      "not_found",
    );
    expectError(await viewProfile(fixture.server, viewer, "nope"), 404, "not_found");
    await expectNoFrames(viewer.ws);
    owner.ws.close();
    viewer.ws.close();
  });

  test("privacy settings hide last_seen and online from others (null)", async () => {
    const owner = await createProfileUser(fixture.server, { location: MADRID });
    const viewer = await createProfileUser(fixture.server);
    const presence = async () => {
      const view = viewOf(await viewProfile(fixture.server, viewer, owner.accountId));
      return { last_seen: view.last_seen, online: view.online };
    };
    const before = Date.now();
    expect(await presence()).toEqual({ last_seen: expect.any(Number), online: true });
    expect((await presence()).last_seen).toBeLessThanOrEqual(before);

    await setPrivacy(fixture.server, owner, { show_last_seen: false, show_online: true });
    expect(await presence()).toEqual({ last_seen: null, online: true });
    await setPrivacy(fixture.server, owner, { show_last_seen: true, show_online: false });
    expect(await presence()).toEqual({ last_seen: expect.any(Number), online: null });
    await setPrivacy(fixture.server, owner, { show_last_seen: false, show_online: false });
    expect(await presence()).toEqual({ last_seen: null, online: null });
    await setPrivacy(fixture.server, owner, { show_last_seen: true, show_online: true });

    // Offline: online false, and last seen is the time the socket closed.
    const connectedUntil = Date.now();
    owner.ws.close();
    await owner.ws.closed;
    await waitUntilOffline(fixture.server, viewer, owner);
    const seen = await presence();
    expect(seen.online).toBe(false);
    expect(seen.last_seen).toBeGreaterThanOrEqual(connectedUntil);
    expect(seen.last_seen).toBeLessThanOrEqual(Date.now());
    viewer.ws.close();
  });

  test("a private profile is seen only by its owner and by admins with view_private_profiles", async () => {
    const owner = await createProfileUser(fixture.server, { location: MADRID, visibility: "private" });
    const viewer = await createProfileUser(fixture.server, { location: MADRID });
    const admin = await createProfileUser(fixture.server, { email: ADMIN_EMAIL, visibility: "private" });
    expect((await getState(fixture.server, admin.accessToken)).body.permissions).toContain(
      "view_private_profiles",
    );
    const seenBy = async (user: ProfileUser) => {
      const result = await viewProfile(fixture.server, user, owner.accountId);
      if (result.status === 404) expectError(result, 404, "not_found");
      return result.status;
    };

    expect(await seenBy(viewer)).toBe(404);
    expect(await seenBy(admin)).toBe(200);
    expect(await seenBy(owner)).toBe(200);
    expect(viewOf(await viewProfile(fixture.server, admin, owner.accountId)).distance_km).toBeNull();

    await setVisibility(fixture.server, owner, "public");
    expect(await seenBy(viewer)).toBe(200);
    expect(viewOf(await viewProfile(fixture.server, viewer, owner.accountId)).distance_km).toBe(0);

    await setVisibility(fixture.server, owner, "private");
    expect(await seenBy(viewer)).toBe(404);
    // A known version does not reveal a private profile either.
    expectError(await viewProfile(fixture.server, viewer, owner.accountId, owner.version), 404, "not_found");
    expect(await seenBy(admin)).toBe(200);

    // The admin's own private profile is no more visible to others than anyone's.
    expectError(await viewProfile(fixture.server, viewer, admin.accountId), 404, "not_found");
    for (const c of [owner, viewer, admin]) c.ws.close();
  });

  test("others never see the location: only the distance in whole kilometres", async () => {
    const helsinki = await createProfileUser(fixture.server, {
      gender: "woman",
      wantedGenders: ["man"],
      location: HELSINKI,
    });
    const tampere = await createProfileUser(fixture.server, {
      gender: "man",
      wantedGenders: ["woman"],
      location: TAMPERE,
    });
    const nowhere = await createProfileUser(fixture.server);

    const secrets = ["latitude", "longitude", "location", "60.1699", "24.9384", "61.4978", "23.761"];
    for (const [viewer, target] of [
      [helsinki, tampere],
      [tampere, helsinki],
    ] as const) {
      const result = await viewProfile(fixture.server, viewer, target.accountId);
      expect(viewOf(result).distance_km).toBe(161);
      for (const secret of secrets) expect(JSON.stringify(result.body)).not.toContain(secret);
    }
    expect(viewOf(await viewProfile(fixture.server, nowhere, tampere.accountId)).distance_km).toBeNull();

    // Browsing shows the same rounded distance and nothing more.
    const session = await browseReset(fixture.server, helsinki, { filters: { max_distance_km: 200 } });
    const page = await browseNext(fixture.server, helsinki, session);
    const item = page.profiles.find((p) => p.account_id === tampere.accountId);
    expect(item).toEqual({
      account_id: tampere.accountId,
      version: tampere.version,
      distance_km: 161,
      last_seen: expect.any(Number),
      online: true,
      verified: false,
    });
    for (const secret of secrets) expect(JSON.stringify(page)).not.toContain(secret);
    for (const c of [helsinki, tampere, nowhere]) c.ws.close();
  });
});
