import type { AccountStateResponse, OwnContentResponse, ProfileContentResponse } from "@venus/model";
import { describe, expect, test } from "vitest";
import { expectError, getState } from "../testing/account-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { request } from "../testing/http-client.js";
import { mediaChanged, putMedia, testJpeg, uploadImage } from "../testing/media-flow.js";
import { as, createProfileUser, expectNoFrames } from "../testing/profile-flow.js";
import { useServer } from "../testing/server-fixture.js";
import { connect, login, signUp, type SignedIn } from "../testing/sign-in.js";

const fixture = useServer({
  config: { rate_limits: GENEROUS_RATE_LIMITS, media: { sizes: [1000, 300] } },
});

/** Signed up with the setup answers saved; no media yet. */
async function newSetupUser() {
  const user = await signUp(fixture.server);
  const setup = await as(fixture.server, user).post("/account/setup", {
    name: "Sam",
    birthdate: "1990-05-17",
    gender: "man",
    looking_for: ["woman"],
  });
  expect(setup.status, JSON.stringify(setup.body)).toBe(200);
  return user;
}

const completeSetup = (user: SignedIn) =>
  as(fixture.server, user).post<AccountStateResponse>("/account/complete_setup");

const setImages = (user: SignedIn, body: object) =>
  as(fixture.server, user).put("/media/profile_content", body);

const setSelfie = (user: SignedIn, contentId: string) =>
  as(fixture.server, user).put("/media/security_selfie", { content_id: contentId });

async function ownProfileContent(user: SignedIn): Promise<ProfileContentResponse> {
  const result = await as(fixture.server, user).get<ProfileContentResponse>(
    `/media/profile_content/${user.accountId}`,
  );
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  return result.body;
}

describe("media in setup", () => {
  test("complete_setup needs a security selfie and a profile image, each of its own kind", async () => {
    const user = await newSetupUser();
    expectError(await completeSetup(user), 409, "setup_incomplete");

    const selfie = await uploadImage(fixture.server, user);
    await putMedia(fixture.server, user, "/media/security_selfie", { content_id: selfie });
    expectError(await completeSetup(user), 409, "setup_incomplete");

    // 800 × 600: the largest centred square starts at 100 px of 800.
    const image = await uploadImage(fixture.server, user, await testJpeg(800, 600));
    expectError(await setImages(user, { images: [selfie] }), 409, "content_not_usable");
    expectError(await setImages(user, { images: [image, selfie] }), 409, "content_not_usable");
    expectError(await completeSetup(user), 409, "setup_incomplete");

    await putMedia(fixture.server, user, "/media/profile_content", { images: [image] });
    expectError(await setSelfie(user, image), 409, "content_not_usable");
    const content = await ownProfileContent(user);
    expect(content).toEqual({
      account_id: user.accountId,
      images: [
        {
          content_id: image,
          state: "waiting",
          sizes: [
            { size: 1000, width: 800, height: 600 },
            { size: 300, width: 300, height: 225 },
          ],
        },
      ],
      crop: { x: 0.125, y: 0, size: 1 },
      security_selfie: { content_id: selfie, state: "waiting", sizes: expect.any(Array) as unknown },
      // Detectors off: no face descriptors, so verification waits for a human.
      verified: false,
      verification: "pending",
      version: expect.any(Number),
    });
    const own = await as(fixture.server, user).get<OwnContentResponse>("/media/content");
    expect(own.body.version).toBe(content.version);
    expect(own.body.items.map((item) => [item.content_id, item.in_use])).toEqual([
      [selfie, true],
      [image, true],
    ]);

    const done = await completeSetup(user);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.state).toBe("normal");
    user.ws.close();
  });

  test("another account's content, unknown ids and deleted content are not usable", async () => {
    const user = await newSetupUser();
    const other = await signUp(fixture.server);
    const theirs = await uploadImage(fixture.server, other);
    const mine = await uploadImage(fixture.server, user);
    const gone = await uploadImage(fixture.server, user);
    const removal = await request(fixture.server.url, "DELETE", `/media/content/${gone}`, {
      token: user.accessToken,
    });
    expect(removal.status, JSON.stringify(removal.body)).toBe(200);
    await mediaChanged(user);

    for (const id of [theirs, "Z".repeat(22), gone]) {
      expectError(await setImages(user, { images: [id] }), 409, "content_not_usable");
      expectError(await setImages(user, { images: [mine, id] }), 409, "content_not_usable");
      expectError(await setSelfie(user, id), 409, "content_not_usable");
    }
    // Nothing was changed by the refused calls.
    expect(await ownProfileContent(user)).toMatchObject({ images: [], crop: null, security_selfie: null });
    expectError(await completeSetup(user), 409, "setup_incomplete");
    for (const client of [user, other]) await expectNoFrames(client.ws);
    for (const client of [user, other]) client.ws.close();
  });

  test("PUT /media/profile_content validates the list and the crop", async () => {
    const user = await newSetupUser();
    const face = await uploadImage(fixture.server, user, await testJpeg(800, 600));
    const second = await uploadImage(fixture.server, user);
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `${"x".repeat(21)}${i}`);
    const invalid = [
      {},
      { images: [] },
      { images: ids(7) },
      { images: [face, face] },
      { images: [face, second, face] },
      { images: ["short"] },
      { images: [face], extra: true },
      // 0.5 × 800 + 600 > 800: the square leaves the image on the right.
      { images: [face], crop: { x: 0.5, y: 0, size: 1 } },
      { images: [face], crop: { x: 0, y: 0.6, size: 0.5 } },
      { images: [face], crop: { x: 1.5, y: 0, size: 0.1 } },
      { images: [face], crop: { x: 0, y: 0, size: 0 } },
      { images: [face], crop: { x: 0, y: 0, size: 1.5 } },
      { images: [face], crop: { x: 0, y: 0 } },
      { images: [face], crop: { x: 0, y: 0, size: 1, angle: 3 } },
    ];
    for (const body of invalid) expectError(await setImages(user, body), 400, "validation_failed");
    expect((await ownProfileContent(user)).images).toEqual([]);

    // Squares that just fit are kept as given.
    for (const crop of [
      { x: 0.25, y: 0, size: 1 },
      { x: 0, y: 0.5, size: 0.5 },
    ]) {
      await putMedia(fixture.server, user, "/media/profile_content", { images: [face, second], crop });
      const content = await ownProfileContent(user);
      expect(content.crop).toEqual(crop);
      expect(content.images.map((image) => image.content_id)).toEqual([face, second]);
    }
    // The crop is of the first image: a square image gets its own centred default.
    await putMedia(fixture.server, user, "/media/profile_content", { images: [second, face] });
    expect((await ownProfileContent(user)).crop).toEqual({ x: 0, y: 0, size: 1 });
    // Six images are allowed.
    const more = [];
    for (let i = 0; i < 4; i++) more.push(await uploadImage(fixture.server, user));
    await putMedia(fixture.server, user, "/media/profile_content", { images: [face, second, ...more] });
    expect((await ownProfileContent(user)).images).toHaveLength(6);
    user.ws.close();
  });
});

describe("media_content sync", () => {
  test("a hello with an old media_content version gets media_content_changed; a current one does not", async () => {
    const user = await createProfileUser(fixture.server);
    const media = await as(fixture.server, user).get<OwnContentResponse>("/media/content");
    expect(media.body.version).toBeGreaterThan(0);
    const state = await getState(fixture.server, user.accessToken);
    const current = { account_state: state.body.sync_version, profile: user.version };

    const stale = await connect(fixture.server, await login(fixture.server, user.email), {
      kind: "ios",
      sync: { ...current, media_content: 0 },
    });
    expect(await stale.ws.next()).toEqual({ type: "event", event: "media_content_changed" });
    await expectNoFrames(stale.ws);

    const upToDate = await connect(fixture.server, await login(fixture.server, user.email), {
      kind: "android",
      sync: { ...current, media_content: media.body.version },
    });
    await expectNoFrames(upToDate.ws);

    // A change reaches every connected device with the new version.
    await uploadImage(fixture.server, user);
    for (const client of [stale, upToDate])
      expect(await mediaChanged(client)).toBeGreaterThan(media.body.version);
    const fresh = await connect(fixture.server, await login(fixture.server, user.email), {
      kind: "bot",
      sync: { ...current, media_content: media.body.version },
    });
    expect(await fresh.ws.next()).toEqual({ type: "event", event: "media_content_changed" });
    for (const client of [user, stale, upToDate, fresh]) client.ws.close();
  });
});
