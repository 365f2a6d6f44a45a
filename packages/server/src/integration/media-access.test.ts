import type { OwnContentResponse, ProfileContentResponse } from "@venus/model";
import sharp from "sharp";
import { beforeAll, describe, expect, test } from "vitest";
import { expectError } from "../testing/account-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { request, type HttpResult } from "../testing/http-client.js";
import { mediaChanged, putMedia, uploadImage } from "../testing/media-flow.js";
import { as, createProfileUser, setVisibility, type ProfileUser } from "../testing/profile-flow.js";
import { useServer } from "../testing/server-fixture.js";
import { signUp, type SignedIn } from "../testing/sign-in.js";

const ADMIN_EMAIL = "media-admin@example.com";

/** Test photos are 640 × 640: the 800 file is the full image, capped at 640 px. */
const fixture = useServer({
  config: {
    admin: { grant_email: ADMIN_EMAIL },
    rate_limits: GENEROUS_RATE_LIMITS,
    media: { sizes: [800, 400, 200] },
  },
});

let admin: ProfileUser;
let owner: ProfileUser;
let viewer: ProfileUser;
/** Signed up, still in initial_setup. */
let newcomer: SignedIn;
/** The owner's accepted security selfie. */
let selfie: string;
/** The owner's accepted face image (first profile image). */
let face: string;
/** The owner's second profile image, still waiting for moderation. */
let waiting: string;
/** Accepted, but not in the owner's profile. */
let spare: string;

async function accept(user: SignedIn, contentId: string): Promise<void> {
  const result = await as(fixture.server, admin).post("/admin/media/moderation", {
    account_id: user.accountId,
    content_id: contentId,
    accept: true,
  });
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  await mediaChanged(user);
}

function profileContent(viewer: { accessToken: string }, ownerId: string) {
  return as(fixture.server, viewer).get<ProfileContentResponse>(`/media/profile_content/${ownerId}`);
}

function getFile(
  viewer: { accessToken: string },
  ownerId: string,
  contentId: string,
  query = "",
  headers: Record<string, string> = {},
): Promise<HttpResult<Buffer>> {
  return request<Buffer>(fixture.server.url, "GET", `/media/content/${ownerId}/${contentId}${query}`, {
    token: viewer.accessToken,
    binary: true,
    headers,
  });
}

/** Expects the JPEG; returns its width. */
async function expectImage(result: HttpResult<Buffer>): Promise<number> {
  expect(result.status, String(result.body)).toBe(200);
  expect(result.headers.get("content-type")).toBe("image/jpeg");
  const meta = await sharp(result.body).metadata();
  expect(meta.format).toBe("jpeg");
  return meta.width;
}

/** The 404 a viewer gets for content that does not exist; forbidden content must look the same. */
let notFoundBody: unknown;
async function expectHidden(result: HttpResult<unknown>): Promise<void> {
  expectError(result, 404, "not_found");
  expect(result.body).toEqual(notFoundBody);
}

beforeAll(async () => {
  admin = await createProfileUser(fixture.server, { email: ADMIN_EMAIL, name: "Boss" });
  owner = await createProfileUser(fixture.server, { name: "Olga" });
  viewer = await createProfileUser(fixture.server, { name: "Vera" });
  newcomer = await signUp(fixture.server);
  const own = await profileContent(owner, owner.accountId);
  expect(own.status, JSON.stringify(own.body)).toBe(200);
  face = own.body.images[0]?.content_id ?? "";
  selfie = own.body.security_selfie?.content_id ?? "";
  waiting = await uploadImage(fixture.server, owner);
  spare = await uploadImage(fixture.server, owner);
  for (const id of [face, selfie, spare]) await accept(owner, id);
  await putMedia(fixture.server, owner, "/media/profile_content", { images: [face, waiting] });
  const missing = await getFile(viewer, owner.accountId, "A".repeat(22));
  expectError(missing, 404, "not_found");
  notFoundBody = missing.body;
});

describe("GET /media/content/{account_id}/{content_id}", () => {
  test("the owner gets each own item in any state, but not once deleted", async () => {
    for (const id of [face, waiting, selfie, spare])
      await expectImage(await getFile(owner, owner.accountId, id));
    const doomed = await uploadImage(fixture.server, owner);
    await expectImage(await getFile(owner, owner.accountId, doomed));
    const deleted = await request(fixture.server.url, "DELETE", `/media/content/${doomed}`, {
      token: owner.accessToken,
    });
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
    await mediaChanged(owner);
    await expectHidden(await getFile(owner, owner.accountId, doomed));
    // Admins still see deleted content (for reports) until it is purged.
    await expectImage(await getFile(admin, owner.accountId, doomed));
  });

  test("admins get everything: the security selfie, waiting content, images outside the profile", async () => {
    for (const id of [face, waiting, selfie, spare])
      await expectImage(await getFile(admin, owner.accountId, id));
  });

  test("a viewer of a public profile gets only the accepted profile images", async () => {
    await expectImage(await getFile(viewer, owner.accountId, face));
    await expectHidden(await getFile(viewer, owner.accountId, waiting));
    await expectHidden(await getFile(viewer, owner.accountId, selfie));
    await expectHidden(await getFile(viewer, owner.accountId, spare));
    // Once accepted, the second profile image is served too.
    const second = await uploadImage(fixture.server, viewer);
    await expectHidden(await getFile(owner, viewer.accountId, second));
    await putMedia(fixture.server, viewer, "/media/profile_content", {
      images: [(await profileContent(viewer, viewer.accountId)).body.images[0]?.content_id, second],
    });
    await expectHidden(await getFile(owner, viewer.accountId, second));
    await accept(viewer, second);
    await expectImage(await getFile(owner, viewer.accountId, second));
  });

  test("a private profile's images are hidden from viewers, not from the owner and admins", async () => {
    await setVisibility(fixture.server, owner, "private");
    try {
      await expectHidden(await getFile(viewer, owner.accountId, face));
      expectError(await profileContent(viewer, owner.accountId), 404, "not_found");
      await expectImage(await getFile(owner, owner.accountId, face));
      await expectImage(await getFile(admin, owner.accountId, face));
      expect((await profileContent(admin, owner.accountId)).status).toBe(200);
    } finally {
      await setVisibility(fixture.server, owner, "public");
    }
    await expectImage(await getFile(viewer, owner.accountId, face));
  });

  test("a viewer still in setup sees nobody's images, only its own", async () => {
    await expectHidden(await getFile(newcomer, owner.accountId, face));
    expectError(await profileContent(newcomer, owner.accountId), 404, "not_found");
    const own = await uploadImage(fixture.server, newcomer);
    await expectImage(await getFile(newcomer, newcomer.accountId, own));
    await expectHidden(await getFile(viewer, newcomer.accountId, own));
    await expectImage(await getFile(admin, newcomer.accountId, own));
  });

  test("unknown content, a wrong owner id and malformed ids get the same 404 as forbidden content", async () => {
    for (const user of [viewer, owner, admin]) {
      await expectHidden(await getFile(user, owner.accountId, "B".repeat(22)));
      await expectHidden(await getFile(user, viewer.accountId, face));
      await expectHidden(await getFile(user, owner.accountId, "not-an-id"));
      await expectHidden(await getFile(user, "nobody", face));
    }
    // Forbidden looks the same, including the headers that matter.
    const forbidden = await getFile(viewer, owner.accountId, selfie);
    const missing = await getFile(viewer, owner.accountId, "C".repeat(22));
    expect(forbidden.body).toEqual(missing.body);
    for (const header of ["content-type", "etag", "cache-control"])
      expect(forbidden.headers.get(header)).toBe(missing.headers.get(header));
    // The same for profile content: an account that does not exist looks like a hidden profile.
    const hiddenProfile = await profileContent(newcomer, owner.accountId);
    expectError(hiddenProfile, 404, "not_found");
    for (const user of [viewer, owner, admin])
      expect((await profileContent(user, "D".repeat(22))).body).toEqual(hiddenProfile.body);
  });

  test("responses carry an ETag and long-lived caching; If-None-Match with it gets 304", async () => {
    const first = await getFile(viewer, owner.accountId, face);
    await expectImage(first);
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"[^"]+"$/);
    const cacheControl = first.headers.get("cache-control") ?? "";
    expect(cacheControl).toMatch(/max-age=\d{7,}/);
    expect(cacheControl).toContain("immutable");

    const again = await getFile(owner, owner.accountId, face, "", { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    expect(String(again.body)).toBe("");
    await expectImage(await getFile(viewer, owner.accountId, face, "", { "if-none-match": '"other"' }));
    for (const listed of [`"other", ${etag}`, `W/${etag}`, "*"])
      expect((await getFile(viewer, owner.accountId, face, "", { "if-none-match": listed })).status).toBe(
        304,
      );

    const small = await getFile(viewer, owner.accountId, face, "?size=1");
    await expectImage(small);
    expect(small.headers.get("etag")).not.toBe(etag);
    // A known ETag does not open content the caller may not see.
    const selfieTag = (await getFile(owner, owner.accountId, selfie)).headers.get("etag") ?? "";
    await expectHidden(await getFile(viewer, owner.accountId, selfie, "", { "if-none-match": selfieTag }));
  });

  test("?size= picks the smallest stored size at least that large, or the largest", async () => {
    const listed = (await profileContent(viewer, owner.accountId)).body.images[0]?.sizes;
    expect(listed).toEqual([
      { size: 800, width: 640, height: 640 },
      { size: 400, width: 400, height: 400 },
      { size: 200, width: 200, height: 200 },
    ]);
    const widths: Record<string, number> = {
      "": 640,
      "?size=1": 200,
      "?size=200": 200,
      "?size=201": 400,
      "?size=400": 400,
      "?size=401": 640,
      "?size=800": 640,
      "?size=100000": 640,
    };
    for (const [query, width] of Object.entries(widths))
      expect(await expectImage(await getFile(viewer, owner.accountId, face, query)), query).toBe(width);
    for (const query of ["?size=0", "?size=abc", "?size=-5", "?size=1.5", "?size="])
      expectError(await getFile(viewer, owner.accountId, face, query), 400, "validation_failed");
  });
});

describe("GET /media/profile_content/{account_id}", () => {
  test("viewers see the accepted images only; the owner and admins see all, with states and the selfie", async () => {
    const full = await profileContent(owner, owner.accountId);
    expect(full.status, JSON.stringify(full.body)).toBe(200);
    const sizes = expect.any(Array) as unknown as [];
    expect(full.body).toEqual({
      account_id: owner.accountId,
      images: [
        { content_id: face, state: "accepted", sizes },
        { content_id: waiting, state: "waiting", sizes },
      ],
      crop: { x: 0, y: 0, size: 1 },
      security_selfie: { content_id: selfie, state: "accepted", sizes },
      verified: false,
      verification: "pending",
      version: expect.any(Number),
    });
    const own = await as(fixture.server, owner).get<OwnContentResponse>("/media/content");
    expect(full.body.version).toBe(own.body.version);
    expect((await profileContent(admin, owner.accountId)).body).toEqual(full.body);

    const seen = await profileContent(viewer, owner.accountId);
    expect(seen.status, JSON.stringify(seen.body)).toBe(200);
    expect(seen.body).toEqual({
      account_id: owner.accountId,
      images: [{ content_id: face, state: "accepted", sizes }],
      crop: { x: 0, y: 0, size: 1 },
      verified: false,
      version: full.body.version,
    });
  });

  test("when the face image is not yet accepted, viewers see the others without its crop", async () => {
    await putMedia(fixture.server, owner, "/media/profile_content", {
      images: [waiting, face],
      crop: { x: 0.1, y: 0.2, size: 0.5 },
    });
    try {
      const seen = await profileContent(viewer, owner.accountId);
      expect(seen.body.images.map((image) => image.content_id)).toEqual([face]);
      expect(seen.body.crop).toBeNull();
      await expectHidden(await getFile(viewer, owner.accountId, waiting));
      const full = await profileContent(owner, owner.accountId);
      expect(full.body.images.map((image) => image.content_id)).toEqual([waiting, face]);
      expect(full.body.crop).toEqual({ x: 0.1, y: 0.2, size: 0.5 });
    } finally {
      await putMedia(fixture.server, owner, "/media/profile_content", { images: [face, waiting] });
    }
  });
});
