import type { MediaModerationPage, OwnContentItem, OwnContentResponse } from "@venus/model";
import { beforeAll, describe, expect, test } from "vitest";
import { expectError } from "../testing/account-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { request } from "../testing/http-client.js";
import { mediaChanged, putMedia, uploadImage } from "../testing/media-flow.js";
import {
  as,
  createProfileUser,
  moderationQueue,
  expectNoFrames,
  type ProfileUser,
} from "../testing/profile-flow.js";
import { useServer } from "../testing/server-fixture.js";
import { signUp, type SignedIn } from "../testing/sign-in.js";

const ADMIN_EMAIL = "image-moderator@example.com";
const PAGE_SIZE = 2;

const fixture = useServer({
  config: {
    admin: { grant_email: ADMIN_EMAIL },
    rate_limits: GENEROUS_RATE_LIMITS,
    media: { moderation_page_size: PAGE_SIZE, sizes: [700, 200] },
  },
});

let admin: ProfileUser;
beforeAll(async () => {
  admin = await createProfileUser(fixture.server, { email: ADMIN_EMAIL, name: "Boss" });
});

const { page: queuePage, all: wholeQueue } = moderationQueue<MediaModerationPage>(
  fixture,
  () => admin,
  "/admin/media/moderation",
  PAGE_SIZE,
);

const decide = (body: Record<string, unknown>, by: { accessToken: string } = admin) =>
  as(fixture.server, by).post("/admin/media/moderation", body);

async function expectDecided(body: Record<string, unknown>): Promise<void> {
  const result = await decide(body);
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  expect(result.body).toEqual({ ok: true });
}

/** Accepts everything waiting, so a test starts with an empty queue. */
async function drainQueue(): Promise<void> {
  for (const item of await wholeQueue())
    await expectDecided({ account_id: item.account_id, content_id: item.content_id, accept: true });
  expect(await queuePage()).toEqual({ items: [], next: null });
}

async function ownItem(user: SignedIn, contentId: string): Promise<OwnContentItem | undefined> {
  const result = await as(fixture.server, user).get<OwnContentResponse>("/media/content");
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  return result.body.items.find((item) => item.content_id === contentId);
}

describe("the image moderation queue", () => {
  test("needs moderate_images", async () => {
    const user = await createProfileUser(fixture.server);
    const own = await as(fixture.server, user).get<OwnContentResponse>("/media/content");
    const contentId = own.body.items[0]?.content_id;
    expectError(await as(fixture.server, user).get("/admin/media/moderation"), 403, "forbidden");
    const body = { account_id: user.accountId, content_id: contentId, accept: true };
    expectError(await decide(body, user), 403, "forbidden");
    expect((await ownItem(user, contentId ?? ""))?.state).toBe("waiting");
    const anonymous = await request(fixture.server.url, "GET", "/admin/media/moderation");
    expect(anonymous.status).toBe(401);
    user.ws.close();
  });

  test("lists waiting content oldest first in pages that follow `next`", async () => {
    await drainQueue();
    const ann = await signUp(fixture.server);
    const ben = await signUp(fixture.server);
    const a1 = await uploadImage(fixture.server, ann);
    const b1 = await uploadImage(fixture.server, ben);
    const a2 = await uploadImage(fixture.server, ann);
    await putMedia(fixture.server, ann, "/media/security_selfie", { content_id: a2 });

    const first = await queuePage();
    expect(first.items).toEqual([
      {
        account_id: ann.accountId,
        content_id: a1,
        uploaded_at: expect.any(Number),
        sizes: [
          { size: 700, width: 640, height: 640 },
          { size: 200, width: 200, height: 200 },
        ],
        security_selfie: false,
        in_profile: false,
        face_image: false,
        // This server runs with the detectors off (spawn-server's default).
        analysis: null,
      },
      expect.objectContaining({ account_id: ben.accountId, content_id: b1, security_selfie: false }),
    ]);
    expect(first.next).toEqual(expect.any(String));
    const second = await queuePage(first.next as string);
    expect(second).toEqual({
      items: [expect.objectContaining({ account_id: ann.accountId, content_id: a2, security_selfie: true })],
      next: null,
    });
    const times = [...first.items, ...second.items].map((item) => item.uploaded_at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBeGreaterThan(Date.now() - 60_000);

    // A decision taken while paging makes the admin skip nothing; deleted content leaves the queue.
    await expectDecided({ account_id: ann.accountId, content_id: a1, accept: true });
    expect(await queuePage(first.next as string)).toEqual(second);
    expect((await queuePage()).items.map((item) => item.content_id)).toEqual([b1, a2]);
    const deleted = await request(fixture.server.url, "DELETE", `/media/content/${b1}`, {
      token: ben.accessToken,
    });
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
    expect(await queuePage()).toEqual({ items: [second.items[0]], next: null });

    for (const after of ["abc", "-1", "1.5"])
      expectError(
        await as(fixture.server, admin).get(`/admin/media/moderation?after=${after}`),
        400,
        "validation_failed",
      );
    await drainQueue();
    for (const user of [ann, ben]) user.ws.close();
  });
});

describe("decisions", () => {
  let owner: ProfileUser;
  let kept: string;
  let refused: string;

  beforeAll(async () => {
    owner = await createProfileUser(fixture.server, { name: "Olga" });
    kept = await uploadImage(fixture.server, owner);
    refused = await uploadImage(fixture.server, owner);
  });

  test("accepting tells the owner and marks the content accepted", async () => {
    const before = await as(fixture.server, owner).get<OwnContentResponse>("/media/content");
    expect((await ownItem(owner, kept))?.state).toBe("waiting");
    await expectDecided({ account_id: owner.accountId, content_id: kept, accept: true });
    expect(await mediaChanged(owner)).toBe(before.body.version + 1);
    expect(await ownItem(owner, kept)).toMatchObject({ state: "accepted", rejection: null, in_use: false });
    await expectNoFrames(owner.ws);
  });

  test("a rejection needs a known category; with one the owner sees it with the details", async () => {
    const base = { account_id: owner.accountId, content_id: refused, accept: false };
    expectError(await decide(base), 400, "validation_failed");
    expectError(await decide({ ...base, category: "ugly" }), 400, "validation_failed");
    expectError(
      await decide({ ...base, category: "other", details: "x".repeat(1001) }),
      400,
      "validation_failed",
    );
    await expectNoFrames(owner.ws);
    expect((await ownItem(owner, refused))?.state).toBe("waiting");
    expect((await wholeQueue()).map((item) => item.content_id)).toContain(refused);

    await expectDecided({ ...base, category: "not_a_person", details: "Please show your face." });
    await mediaChanged(owner);
    expect(await ownItem(owner, refused)).toMatchObject({
      state: "rejected",
      rejection: { category: "not_a_person", details: "Please show your face." },
    });
    expect((await wholeQueue()).map((item) => item.content_id)).not.toContain(refused);
  });

  test("decided, unknown or misattributed content is not in the queue: 404", async () => {
    const other = await signUp(fixture.server);
    const theirs = await uploadImage(fixture.server, other);
    for (const body of [
      { account_id: owner.accountId, content_id: kept, accept: false, category: "nudity" },
      { account_id: owner.accountId, content_id: refused, accept: true },
      { account_id: owner.accountId, content_id: "Q".repeat(22), accept: true },
      { account_id: owner.accountId, content_id: theirs, accept: true },
    ])
      expectError(await decide(body), 404, "not_found");
    expect((await ownItem(owner, kept))?.state).toBe("accepted");
    expect((await ownItem(owner, refused))?.state).toBe("rejected");
    expect((await ownItem(other, theirs))?.state).toBe("waiting");
    await expectNoFrames(owner.ws);
    other.ws.close();
  });

  test("rejected content cannot be chosen for the profile or as the security selfie", async () => {
    const api = as(fixture.server, owner);
    expectError(await api.put("/media/profile_content", { images: [refused] }), 409, "content_not_usable");
    expectError(
      await api.put("/media/profile_content", { images: [kept, refused] }),
      409,
      "content_not_usable",
    );
    expectError(await api.put("/media/security_selfie", { content_id: refused }), 409, "content_not_usable");
    // Accepted content can.
    await putMedia(fixture.server, owner, "/media/profile_content", { images: [kept] });
    expect((await ownItem(owner, kept))?.in_use).toBe(true);
  });

  test("a profile image rejected after it was chosen is hidden from others, shown to the owner", async () => {
    const viewer = await createProfileUser(fixture.server);
    const later = await uploadImage(fixture.server, owner);
    await putMedia(fixture.server, owner, "/media/profile_content", { images: [kept, later] });
    await expectDecided({ account_id: owner.accountId, content_id: later, accept: false, category: "other" });
    await mediaChanged(owner);
    const path = `/media/profile_content/${owner.accountId}`;
    const seen = await as(fixture.server, viewer).get<{ images: { content_id: string }[] }>(path);
    expect(seen.body.images.map((image) => image.content_id)).toEqual([kept]);
    const full = await as(fixture.server, owner).get<{ images: { state: string }[] }>(path);
    expect(full.body.images.map((image) => image.state)).toEqual(["accepted", "rejected"]);
    // Without details the rejection says so with an empty note.
    expect((await ownItem(owner, later))?.rejection).toEqual({ category: "other", details: "" });
    const file = await request(fixture.server.url, "GET", `/media/content/${owner.accountId}/${later}`, {
      token: viewer.accessToken,
    });
    expectError(file, 404, "not_found");
    viewer.ws.close();
  });
});
