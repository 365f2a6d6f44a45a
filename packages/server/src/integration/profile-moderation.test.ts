import type { ModerationQueuePage, OwnProfile, ProfileView } from "@venus/model";
import { beforeAll, describe, expect, test } from "vitest";
import { expectError } from "../testing/account-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import {
  as,
  createProfileUser,
  moderationQueue,
  editProfile,
  expectNoFrames,
  expectProfileChanged,
  getOwnProfile,
  viewProfile,
  type ProfileUser,
} from "../testing/profile-flow.js";
import { useServer } from "../testing/server-fixture.js";
import { signUp } from "../testing/sign-in.js";

const ADMIN_EMAIL = "moderator@example.com";
const PAGE_SIZE = 2;

const fixture = useServer({
  config: {
    admin: { grant_email: ADMIN_EMAIL },
    rate_limits: GENEROUS_RATE_LIMITS,
    profile: { moderation_page_size: PAGE_SIZE },
  },
});

let admin: ProfileUser;
beforeAll(async () => {
  admin = await createProfileUser(fixture.server, { email: ADMIN_EMAIL, name: "Boss" });
});

type Item = ModerationQueuePage["items"][number];

const { page: queuePage, all: wholeQueue } = moderationQueue<ModerationQueuePage>(
  fixture,
  () => admin,
  "/admin/profile/moderation",
  PAGE_SIZE,
);

const short = (item: Item) => [item.account_id, item.field, item.value];

function decide(body: Record<string, unknown>) {
  return as(fixture.server, admin).post("/admin/profile/moderation", body);
}

async function accept(user: { accountId: string }, field: "name" | "text"): Promise<void> {
  const result = await decide({ account_id: user.accountId, field, accept: true });
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  expect(result.body).toEqual({ ok: true });
}

async function reject(user: { accountId: string }, field: "name" | "text", reason: string): Promise<void> {
  const result = await decide({ account_id: user.accountId, field, accept: false, reason });
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  expect(result.body).toEqual({ ok: true });
}

/** Accepts everything waiting, so the next test starts with an empty queue. */
async function drainQueue(): Promise<void> {
  for (const item of await wholeQueue()) await accept({ accountId: item.account_id }, item.field);
  expect(await queuePage()).toEqual({ items: [], next: null });
}

async function seenBy(viewer: ProfileUser, owner: ProfileUser): Promise<ProfileView> {
  const result = await viewProfile(fixture.server, viewer, owner.accountId);
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  return (result.body as { profile: ProfileView }).profile;
}

describe("the moderation queue", () => {
  test("lists pending names and texts oldest first, in pages that follow `next`", async () => {
    const aino = await createProfileUser(fixture.server, { name: "Aino" });
    const bea = await createProfileUser(fixture.server, { name: "Bea" });
    const cecilia = await createProfileUser(fixture.server, { name: "Cecilia" });
    await editProfile(fixture.server, aino, { text: "Hello" });
    // A new edit of a pending name replaces it and moves it to the end.
    await editProfile(fixture.server, bea, { name: "Beatrice" });

    const first = await queuePage();
    expect(first.items.map(short)).toEqual([
      [admin.accountId, "name", "Boss"],
      [aino.accountId, "name", "Aino"],
    ]);
    expect(first.next).toEqual(expect.any(String));
    const second = await queuePage(first.next as string);
    expect(second.items.map(short)).toEqual([
      [cecilia.accountId, "name", "Cecilia"],
      [aino.accountId, "text", "Hello"],
    ]);
    const third = await queuePage(second.next as string);
    expect(third).toEqual({
      items: [
        { account_id: bea.accountId, field: "name", value: "Beatrice", changed_at: expect.any(Number) },
      ],
      next: null,
    });
    const all = [...first.items, ...second.items, ...third.items];
    const times = all.map((item) => item.changed_at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBeGreaterThan(Date.now() - 60_000);

    // Decisions taken while paging make the admin skip nothing.
    await accept(admin, "name");
    await expectProfileChanged(admin);
    await accept(aino, "name");
    await expectProfileChanged(aino);
    expect((await queuePage(first.next as string)).items).toEqual(second.items);
    expect((await queuePage()).items).toEqual(second.items);
    await accept(cecilia, "name");
    await expectProfileChanged(cecilia);
    expect((await queuePage(first.next as string)).items).toEqual([second.items[1], third.items[0]]);

    // A full last page has a `next` that leads to an empty page.
    const full = await queuePage();
    expect(full.items.map(short)).toEqual([
      [aino.accountId, "text", "Hello"],
      [bea.accountId, "name", "Beatrice"],
    ]);
    expect(await queuePage(full.next as string)).toEqual({ items: [], next: null });

    await drainQueue();
    for (const user of [aino, bea]) await expectProfileChanged(user);
    for (const user of [admin, aino, bea, cecilia]) await expectNoFrames(user.ws);
    for (const user of [aino, bea, cecilia]) user.ws.close();
  });

  test("items edited in the same millisecond are each listed once across pages", async () => {
    const users = [];
    for (let i = 0; i < 4; i++)
      users.push(await createProfileUser(fixture.server, { name: `Twin ${"I".repeat(i + 1)}` }));
    await drainQueue();
    for (const user of users) await expectProfileChanged(user);

    // Concurrent edits often land in the same millisecond; try until some do.
    let sameMillisecond = false;
    for (let attempt = 0; attempt < 10 && !sameMillisecond; attempt++) {
      await Promise.all(
        users.map((user) =>
          as(fixture.server, user).put("/profile", {
            name: `Twin ${attempt}`,
            text: `Attempt ${attempt}`,
            age: 30,
            gender: "woman",
            wanted_genders: ["man"],
            wanted_age: { min: 18, max: 99 },
            unlimited_likes: false,
          }),
        ),
      );
      for (const user of users) await expectProfileChanged(user);
      const listed = await wholeQueue();
      const pending = users.flatMap((user) => [`${user.accountId}/name`, `${user.accountId}/text`]);
      expect(listed.map((item) => `${item.account_id}/${item.field}`).sort()).toEqual(pending.sort());
      sameMillisecond = new Set(listed.map((item) => item.changed_at)).size < listed.length / 2;
      await drainQueue();
      for (const user of users) {
        await expectProfileChanged(user);
        await expectProfileChanged(user);
      }
    }
    for (const user of users) {
      await expectNoFrames(user.ws);
      user.ws.close();
    }
  });
});

describe("decisions", () => {
  test("accepting: the owner hears and sees it accepted; others see a name or text only once accepted", async () => {
    const owner = await createProfileUser(fixture.server, { name: "Dora" });
    const viewer = await createProfileUser(fixture.server, { name: "Viljo" });
    await drainQueue();
    await expectProfileChanged(viewer);
    await expectProfileChanged(owner);
    expect(await seenBy(viewer, owner)).toMatchObject({ name: "Dora", text: "" });

    await editProfile(fixture.server, owner, { name: "Dorothea", text: "I like hiking" });
    expect(await seenBy(viewer, owner)).toMatchObject({ name: null, text: null });
    const before = owner.version;

    await accept(owner, "name");
    await expectProfileChanged(owner);
    expect((await getOwnProfile(fixture.server, owner)).name).toEqual({
      value: "Dorothea",
      state: "accepted",
    });
    expect(await seenBy(viewer, owner)).toMatchObject({ name: "Dorothea", text: null, version: before + 1 });
    const cached = await viewProfile(fixture.server, viewer, owner.accountId, before);
    expect(cached.body).toMatchObject({ unchanged: false, profile: { version: before + 1 } });

    await accept(owner, "text");
    await expectProfileChanged(owner);
    expect((await getOwnProfile(fixture.server, owner)).text).toEqual({
      value: "I like hiking",
      state: "accepted",
    });
    expect(await seenBy(viewer, owner)).toMatchObject({ name: "Dorothea", text: "I like hiking" });
    expect(await queuePage()).toEqual({ items: [], next: null });

    // Other edits keep accepted texts accepted; a changed name waits again, hidden from others.
    await editProfile(fixture.server, owner, { unlimited_likes: true });
    expect(await queuePage()).toEqual({ items: [], next: null });
    expect(await seenBy(viewer, owner)).toMatchObject({ name: "Dorothea", text: "I like hiking" });
    await editProfile(fixture.server, owner, { name: "Dot" });
    expect((await getOwnProfile(fixture.server, owner)).name).toEqual({ value: "Dot", state: "pending" });
    expect(await seenBy(viewer, owner)).toMatchObject({ name: null, text: "I like hiking" });
    expect((await queuePage()).items.map(short)).toEqual([[owner.accountId, "name", "Dot"]]);

    await drainQueue();
    await expectProfileChanged(owner);
    await expectNoFrames(owner.ws);
    await expectNoFrames(viewer.ws);
    owner.ws.close();
    viewer.ws.close();
  });

  test("rejecting with a reason: the owner sees state and reason; others never see the value", async () => {
    const owner = await createProfileUser(fixture.server, { name: "Eve" });
    const viewer = await createProfileUser(fixture.server, { name: "Frans" });
    await drainQueue();
    await expectProfileChanged(owner);
    await expectProfileChanged(viewer);
    await editProfile(fixture.server, owner, { name: "Evil", text: "Call me at 555 1234" });

    await reject(owner, "name", "Please use your real name");
    await expectProfileChanged(owner);
    await reject(owner, "text", "No phone numbers");
    await expectProfileChanged(owner);
    const own: OwnProfile = await getOwnProfile(fixture.server, owner);
    expect(own.name).toEqual({ value: "Evil", state: "rejected", reason: "Please use your real name" });
    expect(own.text).toEqual({ value: "Call me at 555 1234", state: "rejected", reason: "No phone numbers" });
    expect(await seenBy(viewer, owner)).toMatchObject({ name: null, text: null });
    expect(await queuePage()).toEqual({ items: [], next: null });

    // A new text goes back to moderation without the old reason; an empty text needs none.
    const edited = await editProfile(fixture.server, owner, { text: "Say hi here" });
    expect(edited.text).toEqual({ value: "Say hi here", state: "pending" });
    expect((await queuePage()).items.map(short)).toEqual([[owner.accountId, "text", "Say hi here"]]);
    const cleared = await editProfile(fixture.server, owner, { text: "" });
    expect(cleared.text).toEqual({ value: "", state: "accepted" });
    expect(await queuePage()).toEqual({ items: [], next: null });
    expect(await seenBy(viewer, owner)).toMatchObject({ name: null, text: "" });

    await expectNoFrames(owner.ws);
    owner.ws.close();
    viewer.ws.close();
  });

  test("a cursor that is not a previous page's next is validation_failed", async () => {
    for (const after of ["garbage", "-1", "1.5"]) {
      expectError(
        await as(fixture.server, admin).get(`/admin/profile/moderation?after=${after}`),
        400,
        "validation_failed",
      );
    }
  });

  test("deciding what is not pending is not_found; the body is validated", async () => {
    const owner = await createProfileUser(fixture.server, { name: "Greta" });
    await editProfile(fixture.server, owner, { text: "Hi" });
    const version = owner.version;

    expectError(
      await decide({ account_id: owner.accountId, field: "name", accept: false, reason: "x".repeat(1001) }),
      400,
      "validation_failed",
    );
    expectError(
      await decide({ account_id: owner.accountId, field: "bio", accept: true }),
      400,
      "validation_failed",
    );
    expectError(await decide({ account_id: owner.accountId, field: "name" }), 400, "validation_failed");
    expectError(
      await decide({ account_id: owner.accountId, field: "name", accept: "yes" }),
      400,
      "validation_failed",
    );
    expectError(
      await decide({ account_id: owner.accountId, field: "name", accept: true, extra: 1 }),
      400,
      "validation_failed",
    );
    await reject(owner, "name", "y".repeat(1000));
    await expectProfileChanged(owner);
    expect((await getOwnProfile(fixture.server, owner)).name.reason).toBe("y".repeat(1000));

    expectError(await decide({ account_id: owner.accountId, field: "name", accept: true }), 404, "not_found");
    expectError(
      await decide({ account_id: owner.accountId, field: "name", accept: false }),
      404,
      "not_found",
    );
    await accept(owner, "text");
    await expectProfileChanged(owner);
    expectError(await decide({ account_id: owner.accountId, field: "text", accept: true }), 404, "not_found");
    expectError(
      await decide({ account_id: "00000000-0000-4000-8000-000000000000", field: "name", accept: true }),
      404,
      "not_found",
    );
    const inSetup = await signUp(fixture.server);
    expectError(
      await decide({ account_id: inSetup.accountId, field: "name", accept: true }),
      404,
      "not_found",
    );

    expect((await getOwnProfile(fixture.server, owner)).version).toBe(version + 2);
    await expectNoFrames(owner.ws);
    owner.ws.close();
    inSetup.ws.close();
  });

  test("a decision naming the judged `changed_at` is refused once the owner has edited again", async () => {
    const owner = await createProfileUser(fixture.server, { name: "Hilda" });
    await drainQueue();
    await expectProfileChanged(owner);
    await editProfile(fixture.server, owner, { text: "first text" });
    const [judged] = await wholeQueue();
    expect(judged).toMatchObject({ account_id: owner.accountId, field: "text", value: "first text" });
    await editProfile(fixture.server, owner, { text: "second text" });
    const stale = {
      account_id: owner.accountId,
      field: "text",
      accept: true,
      changed_at: judged?.changed_at,
    };
    expectError(await decide(stale), 404, "not_found");
    const [current] = await wholeQueue();
    expect(current?.value).toBe("second text");
    const fresh = await decide({ ...stale, accept: false, reason: "no", changed_at: current?.changed_at });
    expect(fresh.status, JSON.stringify(fresh.body)).toBe(200);
    await expectProfileChanged(owner);
    expect((await getOwnProfile(fixture.server, owner)).text).toMatchObject({
      state: "rejected",
      reason: "no",
    });
    owner.ws.close();
  });

  test("users without moderate_texts are forbidden", async () => {
    const user = await createProfileUser(fixture.server, { name: "Hanna" });
    const inSetup = await signUp(fixture.server);
    for (const caller of [user, inSetup]) {
      const api = as(fixture.server, caller);
      expectError(await api.get("/admin/profile/moderation"), 403, "forbidden");
      expectError(
        await api.post("/admin/profile/moderation", {
          account_id: user.accountId,
          field: "name",
          accept: true,
        }),
        403,
        "forbidden",
      );
    }
    expectError(
      await as(fixture.server, { accessToken: "" }).get("/admin/profile/moderation"),
      401,
      "invalid_token",
    );
    // Nothing was decided.
    expect((await getOwnProfile(fixture.server, user)).name).toEqual({ value: "Hanna", state: "pending" });
    await drainQueue();
    await expectProfileChanged(user);
    user.ws.close();
    inSetup.ws.close();
  });
});
