import type {
  ChatSettings,
  ChatStateResponse,
  LikeResponse,
  MatchesPage,
  ProfileContentResponse,
  ReceivedLikesPage,
} from "@venus/model";
import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import { expectError, getState } from "../testing/account-flow.js";
import { createChatUser, like, makeMatch, type ChatUser } from "../testing/chat-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import type { HttpResult } from "../testing/http-client.js";
import {
  as,
  closeAll,
  editProfile,
  expectNoFrames,
  setVisibility,
  viewProfile,
  type ProfileUser,
} from "../testing/profile-flow.js";
import { useServer } from "../testing/server-fixture.js";
import { connect, login } from "../testing/sign-in.js";

type Server = { url: string; wsUrl: string };

/** Received likes and matches come this many per page here. */
const PAGE_SIZE = 2;

const woman = (server: Server) => createChatUser(server, { gender: "woman", wantedGenders: ["man"] });
const man = (server: Server) => createChatUser(server, { gender: "man", wantedGenders: ["woman"] });

const query = (after?: string) => (after === undefined ? "" : `?after=${encodeURIComponent(after)}`);

function receivedLikes(server: Server, user: ProfileUser, after?: string) {
  return as(server, user).get<ReceivedLikesPage>(`/chat/likes/received${query(after)}`);
}

function matches(server: Server, user: ProfileUser, after?: string) {
  return as(server, user).get<MatchesPage>(`/chat/matches${query(after)}`);
}

async function chatState(server: Server, user: ProfileUser): Promise<ChatStateResponse> {
  const reply = await as(server, user).get<ChatStateResponse>("/chat/state");
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
}

/** Likes and expects `200` with this answer. */
async function likeOk(server: Server, from: ProfileUser, to: ProfileUser, expected: LikeResponse) {
  const reply = (await like(server, from, to)) as HttpResult<LikeResponse>;
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  expect(reply.body).toEqual(expected);
}

/** `to` is told of the like from `from` by the very next frame, with this new count. */
async function expectLikeReceived(to: ProfileUser, from: ProfileUser, newCount: number) {
  expect(await to.ws.next()).toEqual({
    type: "event",
    event: "like_received",
    data: { account_id: from.accountId, new_count: newCount },
  });
}

/** The next frame is `match` with `other`; returns its `matched_at`. */
async function expectMatch(user: ProfileUser, other: ProfileUser): Promise<number> {
  const frame = await user.ws.next();
  expect(frame).toEqual({
    type: "event",
    event: "match",
    data: { account_id: other.accountId, matched_at: expect.any(Number) },
  });
  return (frame.data as { matched_at: number }).matched_at;
}

const ids = (users: readonly ProfileUser[]) => users.map((u) => u.accountId);

/** An account that never received a like (nor lost one to a match). */
const NO_LIKES = { likes: [], new_count: 0, next: null, version: 0 };

describe("likes and matches (unlimited likes)", () => {
  const fixture = useServer({
    config: { rate_limits: GENEROUS_RATE_LIMITS, chat: { page_size: PAGE_SIZE } },
  });

  test("a like: like_received with the new count; received likes newest first in pages; liking again is a no-op; reset_new", async () => {
    const { server } = fixture;
    const target = await woman(server);
    const likers = [await man(server), await man(server), await man(server)] as const;
    const [l1, l2, l3] = likers;
    const times: [number, number][] = [];
    for (const [i, liker] of likers.entries()) {
      const before = Date.now();
      await likeOk(server, liker, target, { matched: false, daily_likes_left: null });
      times.push([before, Date.now()]);
      await expectLikeReceived(target, liker, i + 1);
    }

    const first = await receivedLikes(server, target);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toEqual({
      likes: [
        { account_id: l3.accountId, liked_at: expect.any(Number) },
        { account_id: l2.accountId, liked_at: expect.any(Number) },
      ],
      new_count: 3,
      next: expect.any(String),
      version: expect.any(Number),
    });
    const second = await receivedLikes(server, target, first.body.next as string);
    expect(second.body).toEqual({
      likes: [{ account_id: l1.accountId, liked_at: expect.any(Number) }],
      new_count: 3,
      next: null,
      version: first.body.version,
    });
    const likedAt = [...first.body.likes, ...second.body.likes].map((l) => l.liked_at).reverse();
    for (const [i, at] of likedAt.entries()) {
      const [from, to] = times[i] as [number, number];
      expect(at).toBeGreaterThanOrEqual(from);
      expect(at).toBeLessThanOrEqual(to);
    }

    // Liking again: the same answer, no event, the like keeps its place and time, the count stays.
    await likeOk(server, l1, target, { matched: false, daily_likes_left: null });
    await expectNoFrames(target.ws);
    expect((await receivedLikes(server, target, first.body.next as string)).body).toEqual(second.body);
    expect((await receivedLikes(server, target)).body).toEqual(first.body);
    expect(await chatState(server, target)).toEqual({
      daily_likes_left: null,
      messages_left_today: 200,
      new_likes: 3,
    });

    const reset = await as(server, target).post("/chat/likes/received/reset_new");
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual({ new_count: 0 });
    expect((await chatState(server, target)).new_likes).toBe(0);
    expect((await receivedLikes(server, target)).body).toEqual({ ...first.body, new_count: 0 });

    // The count starts over with the next like; the list keeps the older ones.
    const l4 = await man(server);
    await likeOk(server, l4, target, { matched: false, daily_likes_left: null });
    await expectLikeReceived(target, l4, 1);
    const all = await receivedLikes(server, target);
    expect(all.body.likes.map((l) => l.account_id)).toEqual(ids([l4, l3]));
    expect(all.body.new_count).toBe(1);
    expect(all.body.version).not.toBe(first.body.version);

    // The liker's own lists and sockets are untouched.
    expect((await receivedLikes(server, l1)).body).toEqual(NO_LIKES);
    for (const liker of [...likers, l4]) await expectNoFrames(liker.ws);
    await expectNoFrames(target.ws);
    closeAll([target, ...likers, l4]);
  });

  test("?after= that is not a cursor: 400 validation_failed", async () => {
    const { server } = fixture;
    const user = await woman(server);
    expectError(await receivedLikes(server, user, "abc"), 400, "validation_failed");
    expectError(await matches(server, user, "abc"), 400, "validation_failed");
    closeAll([user]);
  });

  test("a like back makes a match: both get `match`, the like leaves the received likes, the pair is listed for both newest first", async () => {
    const { server } = fixture;
    const target = await woman(server);
    const [a, b, c] = [await man(server), await man(server), await man(server)] as const;
    for (const [i, liker] of [a, b, c].entries()) {
      await likeOk(server, liker, target, { matched: false, daily_likes_left: null });
      await expectLikeReceived(target, liker, i + 1);
    }

    await likeOk(server, target, a, { matched: true, daily_likes_left: null });
    const matchedAtA = await expectMatch(a, target);
    expect(await expectMatch(target, a)).toBe(matchedAtA);
    expect((await receivedLikes(server, target)).body).toEqual({
      likes: [
        { account_id: c.accountId, liked_at: expect.any(Number) },
        { account_id: b.accountId, liked_at: expect.any(Number) },
      ],
      new_count: 3,
      next: expect.any(String),
      version: expect.any(Number),
    });
    // The like back was not a like of its own: a has none.
    expect((await receivedLikes(server, a)).body).toEqual(NO_LIKES);
    expect((await matches(server, target)).body).toEqual({
      matches: [{ account_id: a.accountId, matched_at: matchedAtA }],
      next: null,
      version: expect.any(Number),
    });
    expect((await matches(server, a)).body).toEqual({
      matches: [{ account_id: target.accountId, matched_at: matchedAtA }],
      next: null,
      version: expect.any(Number),
    });

    await likeOk(server, target, c, { matched: true, daily_likes_left: null });
    const matchedAtC = await expectMatch(c, target);
    expect(await expectMatch(target, c)).toBe(matchedAtC);
    await likeOk(server, target, b, { matched: true, daily_likes_left: null });
    const matchedAtB = await expectMatch(b, target);
    expect(await expectMatch(target, b)).toBe(matchedAtB);

    const first = await matches(server, target);
    expect(first.body).toEqual({
      matches: [
        { account_id: b.accountId, matched_at: matchedAtB },
        { account_id: c.accountId, matched_at: matchedAtC },
      ],
      next: expect.any(String),
      version: expect.any(Number),
    });
    expect((await matches(server, target, first.body.next as string)).body).toEqual({
      matches: [{ account_id: a.accountId, matched_at: matchedAtA }],
      next: null,
      version: first.body.version,
    });
    expect((await receivedLikes(server, target)).body).toEqual({
      likes: [],
      new_count: 3,
      next: null,
      version: expect.any(Number),
    });
    expect((await matches(server, c)).body).toEqual({
      matches: [{ account_id: target.accountId, matched_at: matchedAtC }],
      next: null,
      version: expect.any(Number),
    });

    // Liking a match (either side) changes nothing and tells no one.
    await likeOk(server, a, target, { matched: true, daily_likes_left: null });
    await likeOk(server, target, a, { matched: true, daily_likes_left: null });
    for (const user of [target, a, b, c]) await expectNoFrames(user.ws);
    closeAll([target, a, b, c]);
  });

  test("liking yourself, an unknown account or a private profile that is not a match: 404 blocked_or_not_found", async () => {
    const { server } = fixture;
    const liker = await man(server);
    const hidden = await createChatUser(server, { visibility: "private" });

    const unknown = await as(server, liker).post("/chat/like", { account_id: randomUUID() });
    expectError(unknown, 404, "blocked_or_not_found");
    const self = await like(server, liker, liker);
    expectError(self, 404, "blocked_or_not_found");
    expect(self.body).toEqual(unknown.body);
    const toPrivate = await like(server, liker, hidden);
    expectError(toPrivate, 404, "blocked_or_not_found");
    expect(toPrivate.body).toEqual(unknown.body);

    expectError(
      await as(server, liker).post("/chat/like", { account_id: "not-an-id" }),
      400,
      "validation_failed",
    );
    expectError(await as(server, liker).post("/chat/like", {}), 400, "validation_failed");
    expect((await receivedLikes(server, hidden)).body).toEqual(NO_LIKES);
    await expectNoFrames(hidden.ws);
    closeAll([liker, hidden]);
  });

  test("a match's private profile and its images stay visible to the match; to anyone else it is 404", async () => {
    const { server } = fixture;
    const owner = await woman(server);
    const match = await man(server);
    const stranger = await man(server);
    const profileContent = (viewer: ProfileUser) =>
      as(server, viewer).get<ProfileContentResponse>(`/media/profile_content/${owner.accountId}`);

    // While public, everyone sees it.
    expect((await viewProfile(server, stranger, owner.accountId)).status).toBe(200);
    expect((await profileContent(stranger)).status).toBe(200);

    await makeMatch(server, match, owner);
    await setVisibility(server, owner, "private");

    const seen = await viewProfile(server, match, owner.accountId);
    expect(seen.status, JSON.stringify(seen.body)).toBe(200);
    expect(seen.body).toMatchObject({ unchanged: false, profile: { version: owner.version } });
    const images = await profileContent(match);
    expect(images.status, JSON.stringify(images.body)).toBe(200);
    expect(images.body).toMatchObject({ account_id: owner.accountId });

    const missing = await viewProfile(server, stranger, randomUUID());
    expectError(missing, 404, "not_found");
    const hiddenProfile = await viewProfile(server, stranger, owner.accountId);
    expectError(hiddenProfile, 404, "not_found");
    expect(hiddenProfile.body).toEqual(missing.body);
    expectError(await profileContent(stranger), 404, "not_found");
    expectError(await like(server, stranger, owner), 404, "blocked_or_not_found");
    closeAll([owner, match, stranger]);
  });

  test("a like from a private profile shows that profile to its target, who can like it back into a match", async () => {
    const { server } = fixture;
    const shy = await createChatUser(server, {
      gender: "woman",
      wantedGenders: ["man"],
      visibility: "private",
    });
    const target = await man(server);
    const stranger = await man(server);
    expectError(await viewProfile(server, target, shy.accountId), 404, "not_found");

    await likeOk(server, shy, target, { matched: false, daily_likes_left: null });
    await expectLikeReceived(target, shy, 1);
    expect((await viewProfile(server, target, shy.accountId)).status).toBe(200);
    expectError(await viewProfile(server, stranger, shy.accountId), 404, "not_found");

    await likeOk(server, target, shy, { matched: true, daily_likes_left: null });
    await expectMatch(target, shy);
    await expectMatch(shy, target);
    expect((await viewProfile(server, target, shy.accountId)).status).toBe(200);
    closeAll([shy, target, stranger]);
  });

  test("hello.sync with the versions the list pages carried: matches_changed / received_likes_changed only for a list that changed since", async () => {
    const { server } = fixture;
    const a = await woman(server);
    const b = await man(server);
    const listVersions = async (user: ProfileUser) => ({
      matches: (await matches(server, user)).body.version,
      received_likes: (await receivedLikes(server, user)).body.version,
    });
    const otherVersions = async (user: ProfileUser) => {
      const state = await getState(server, user.accessToken);
      const media = await as(server, user).get<{ version: number }>("/media/content");
      return {
        account_state: state.body.sync_version,
        profile: user.version,
        media_content: media.body.version,
      };
    };
    /** The events a new session's socket (kind ios: each replaces the last) gets with this sync, sorted. */
    const syncEvents = async (user: ChatUser, sync: Record<string, number>) => {
      const session = await connect(server, await login(server, user.email), { kind: "ios", sync });
      const events: string[] = [];
      session.ws.send({ type: "ping", id: "sync-done" });
      for (;;) {
        const frame = await session.ws.next();
        if (frame.type === "pong") break;
        expect(Object.keys(frame).sort()).toEqual(["event", "type"]);
        events.push(frame.event as string);
      }
      session.ws.close();
      return events.sort();
    };
    const aOthers = await otherVersions(a);
    const bOthers = await otherVersions(b);
    const aBefore = await listVersions(a);
    const bBefore = await listVersions(b);

    // a likes b: only b's received likes change.
    await likeOk(server, a, b, { matched: false, daily_likes_left: null });
    await expectLikeReceived(b, a, 1);
    expect(await syncEvents(a, { ...aOthers, ...aBefore })).toEqual([]);
    expect(await syncEvents(b, { ...bOthers, ...bBefore })).toEqual(["received_likes_changed"]);
    const bLiked = await listVersions(b);
    expect(bLiked.matches).toBe(bBefore.matches);

    // b likes back: both matches lists change, and b's received likes (a's like leaves them).
    await likeOk(server, b, a, { matched: true, daily_likes_left: null });
    await expectMatch(a, b);
    await expectMatch(b, a);
    expect(await syncEvents(a, { ...aOthers, ...aBefore })).toEqual(["matches_changed"]);
    expect(await syncEvents(b, { ...bOthers, ...bLiked })).toEqual([
      "matches_changed",
      "received_likes_changed",
    ]);
    const aNow = await listVersions(a);
    expect(aNow.received_likes).toBe(aBefore.received_likes);
    expect(await syncEvents(a, { ...aOthers, ...aNow })).toEqual([]);
    expect(await syncEvents(b, { ...bOthers, ...(await listVersions(b)) })).toEqual([]);
    // A type left out counts as version 0.
    expect(await syncEvents(a, aOthers)).toEqual(
      [
        ...(aNow.matches === 0 ? [] : ["matches_changed"]),
        ...(aNow.received_likes === 0 ? [] : ["received_likes_changed"]),
      ].sort(),
    );
    await expectNoFrames(a.ws);
    await expectNoFrames(b.ws);
    closeAll([a, b]);
  });

  test("chat settings: all on by default; PUT saves and answers them; a missing or extra field or a non-boolean is 400", async () => {
    const { server } = fixture;
    const user = await woman(server);
    const other = await man(server);
    const api = as(server, user);
    const defaults: ChatSettings = { delivery_receipts: true, read_receipts: true, typing: true };
    expect((await api.get<ChatSettings>("/chat/settings")).body).toEqual(defaults);

    for (const settings of [
      { delivery_receipts: false, read_receipts: true, typing: false },
      { delivery_receipts: true, read_receipts: false, typing: true },
      { delivery_receipts: false, read_receipts: false, typing: false },
    ]) {
      const saved = await api.put<ChatSettings>("/chat/settings", settings);
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      expect(saved.body).toEqual(settings);
      expect((await api.get("/chat/settings")).body).toEqual(settings);
    }
    const last = { delivery_receipts: false, read_receipts: false, typing: false };

    for (const invalid of [
      { delivery_receipts: true, read_receipts: true },
      { read_receipts: true, typing: true },
      { delivery_receipts: true, read_receipts: true, typing: "yes" },
      { delivery_receipts: true, read_receipts: true, typing: true, extra: true },
      {},
    ]) {
      expectError(await api.put("/chat/settings", invalid), 400, "validation_failed");
    }
    expect((await api.get("/chat/settings")).body).toEqual(last);
    // Each account has its own.
    expect((await as(server, other).get("/chat/settings")).body).toEqual(defaults);
    closeAll([user, other]);
  });
});

describe("the daily like limit (chat.daily_likes = 2)", () => {
  const fixture = useServer({ config: { rate_limits: GENEROUS_RATE_LIMITS, chat: { daily_likes: 2 } } });

  test("2 → 1 → 0 left, then 429 daily_like_limit with Retry-After; liking again, a match or an unlimited_likes profile is free", async () => {
    const { server } = fixture;
    const liker = await woman(server);
    const [b, c, d, generous] = [await man(server), await man(server), await man(server), await man(server)];
    expect(await chatState(server, liker)).toEqual({
      daily_likes_left: 2,
      messages_left_today: 200,
      new_likes: 0,
    });

    await likeOk(server, liker, b, { matched: false, daily_likes_left: 1 });
    await expectLikeReceived(b, liker, 1);
    expect((await chatState(server, liker)).daily_likes_left).toBe(1);
    await likeOk(server, liker, b, { matched: false, daily_likes_left: 1 });
    await expectNoFrames(b.ws);
    expect((await chatState(server, liker)).daily_likes_left).toBe(1);

    await likeOk(server, liker, c, { matched: false, daily_likes_left: 0 });
    await expectLikeReceived(c, liker, 1);
    expect((await chatState(server, liker)).daily_likes_left).toBe(0);

    const refused = await like(server, liker, d);
    expectError(refused, 429, "daily_like_limit");
    const retryAfter = refused.headers.get("retry-after");
    expect(retryAfter).toMatch(/^[1-9][0-9]*$/);
    const day = 24 * 60 * 60 * 1000;
    const untilMidnight = (day - (Date.now() % day)) / 1000;
    expect(Math.abs(Number(retryAfter) - untilMidnight)).toBeLessThanOrEqual(5);
    await expectNoFrames(d.ws);
    expect((await receivedLikes(server, d)).body).toEqual(NO_LIKES);
    expect((await chatState(server, liker)).daily_likes_left).toBe(0);

    // A profile with unlimited likes switched on: liked at 0 left, at no cost.
    await editProfile(server, generous, { unlimited_likes: true });
    await likeOk(server, liker, generous, { matched: false, daily_likes_left: 0 });
    await expectLikeReceived(generous, liker, 1);
    // Liking again at 0 left is free too.
    await likeOk(server, liker, c, { matched: false, daily_likes_left: 0 });
    await expectNoFrames(c.ws);

    // b likes back (from b's own allowance): a match; liking the match at 0 left costs nothing.
    await likeOk(server, b, liker, { matched: true, daily_likes_left: 1 });
    await expectMatch(liker, b);
    await expectMatch(b, liker);
    await likeOk(server, liker, b, { matched: true, daily_likes_left: 0 });
    expectError(await like(server, liker, d), 429, "daily_like_limit");
    expect(await chatState(server, liker)).toEqual({
      daily_likes_left: 0,
      messages_left_today: 200,
      new_likes: 0,
    });
    for (const user of [liker, b, c, d, generous]) await expectNoFrames(user.ws);
    closeAll([liker, b, c, d, generous]);
  });
});
