import type { BlocksResponse, MatchesPage, ReceivedLikesPage } from "@venus/model";
import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import { expectError } from "../testing/account-flow.js";
import {
  createChatUser,
  fromBase64,
  like,
  makeMatch,
  nextEvent,
  nextMessage,
  pending,
  send,
  sendOk,
  sendRequest,
  type ChatUser,
} from "../testing/chat-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import {
  as,
  browseIds,
  browseNext,
  browseReset,
  closeAll,
  expectNoFrames,
  NEAR,
  north,
  region,
  viewProfile,
  type Point,
  type ProfileUser,
} from "../testing/profile-flow.js";
import { useServer } from "../testing/server-fixture.js";

const fixture = useServer({ config: { rate_limits: GENEROUS_RATE_LIMITS } });

const woman = (location?: Point) =>
  createChatUser(fixture.server, {
    gender: "woman",
    wantedGenders: ["man"],
    ...(location ? { location } : {}),
  });
const man = (location?: Point) =>
  createChatUser(fixture.server, {
    gender: "man",
    wantedGenders: ["woman"],
    ...(location ? { location } : {}),
  });

const api = (user: ProfileUser) => as(fixture.server, user);
const block = (blocker: ProfileUser, target: string) =>
  api(blocker).post<BlocksResponse>("/chat/block", { account_id: target });
const unblock = (blocker: ProfileUser, target: string) =>
  api(blocker).post<BlocksResponse>("/chat/unblock", { account_id: target });
const blocksOf = async (user: ProfileUser) => {
  const reply = await api(user).get<BlocksResponse>("/chat/blocks");
  expect(reply.status).toBe(200);
  return reply.body.account_ids;
};
const matchesOf = (user: ProfileUser) => api(user).get<MatchesPage>("/chat/matches");
const receivedLikesOf = (user: ProfileUser) => api(user).get<ReceivedLikesPage>("/chat/likes/received");
const profileContent = (viewer: ProfileUser, owner: string) =>
  api(viewer).get(`/media/profile_content/${owner}`);
const publicKey = (viewer: ProfileUser, owner: string) => api(viewer).get(`/chat/public_key/${owner}`);
const typing = (from: ProfileUser, to: string) =>
  api(from).post("/chat/typing", { account_id: to, typing: true });

/** A block or unblock that changed something: the blocker's devices hear of both lists. */
async function expectListsChanged(blocker: ProfileUser): Promise<void> {
  expect(await blocker.ws.next()).toEqual({ type: "event", event: "matches_changed" });
  expect(await blocker.ws.next()).toEqual({ type: "event", event: "received_likes_changed" });
}

describe("a block between two matches, in each direction", () => {
  test.each([
    { who: "the woman blocks the man", womanBlocks: true, area: 0 },
    { who: "the man blocks the woman", womanBlocks: false, area: 1 },
  ])(
    "$who: hidden from each other everywhere, no messages, likes or keys either way; unblock restores it all",
    async ({ womanBlocks, area }) => {
      const { server } = fixture;
      const origin = region(area);
      const w = await woman(origin);
      const m = await man(north(origin, 5.3));
      await makeMatch(server, w, m);
      const [blocker, blocked] = womanBlocks ? [w, m] : [m, w];
      const pairs = [
        [w, m],
        [m, w],
      ] as const;

      const matchOf = new Map<ChatUser, MatchesPage>();
      for (const [x, y] of pairs) {
        expect(await browseIds(server, x, { filters: NEAR })).toEqual([y.accountId]);
        expect((await viewProfile(server, x, y.accountId)).status).toBe(200);
        expect((await profileContent(x, y.accountId)).status).toBe(200);
        expect((await publicKey(x, y.accountId)).status).toBe(200);
        const list = await matchesOf(x);
        expect(list.body.matches).toEqual([{ account_id: y.accountId, matched_at: expect.any(Number) }]);
        matchOf.set(x, list.body);
      }
      // Stored before the block: stays deliverable.
      const before = await sendOk(server, blocked, blocker, "before the block");
      expect((await nextMessage(blocker)).uuid).toBe(before.uuid);
      // Browsing sessions already open when the block comes.
      const openSessions = new Map<ChatUser, string>();
      for (const user of [w, m]) openSessions.set(user, await browseReset(server, user, { filters: NEAR }));

      const blocking = await block(blocker, blocked.accountId);
      expect(blocking.status, JSON.stringify(blocking.body)).toBe(200);
      expect(blocking.body).toEqual({ account_ids: [blocked.accountId] });
      await expectListsChanged(blocker);
      await expectNoFrames(blocker.ws);
      await expectNoFrames(blocked.ws);
      expect(await blocksOf(blocker)).toEqual([blocked.accountId]);
      expect(await blocksOf(blocked)).toEqual([]);
      // The sessions opened before the block do not show the other either.
      for (const user of [w, m])
        expect(await browseNext(server, user, openSessions.get(user) as string)).toEqual({
          profiles: [],
          done: true,
        });

      // What each gets for an account that does not exist: a block must look the same.
      const ghost = randomUUID();
      const ghostSend = await api(w).post("/chat/messages", { ...sendRequest(w, m, "x"), recipient: ghost });
      expectError(ghostSend, 404, "blocked_or_not_found");
      const ghostLike = await api(w).post("/chat/like", { account_id: ghost });
      expectError(ghostLike, 404, "blocked_or_not_found");
      const ghostProfile = await viewProfile(server, w, ghost);
      expectError(ghostProfile, 404, "not_found");
      const ghostContent = await profileContent(w, ghost);
      expectError(ghostContent, 404, "not_found");
      const ghostKey = await publicKey(w, ghost);
      expectError(ghostKey, 404, "blocked_or_not_found");

      for (const [x, y] of pairs) {
        const sent = await send(server, x, y, "after the block");
        expectError(sent, 404, "blocked_or_not_found");
        expect(sent.body).toEqual(ghostSend.body);
        const liked = await like(server, x, y);
        expectError(liked, 404, "blocked_or_not_found");
        expect(liked.body).toEqual(ghostLike.body);
        const profile = await viewProfile(server, x, y.accountId);
        expectError(profile, 404, "not_found");
        expect(profile.body).toEqual(ghostProfile.body);
        const content = await profileContent(x, y.accountId);
        expectError(content, 404, "not_found");
        expect(content.body).toEqual(ghostContent.body);
        const key = await publicKey(x, y.accountId);
        expectError(key, 404, "blocked_or_not_found");
        expect(key.body).toEqual(ghostKey.body);
        expectError(
          await api(x).get(`/chat/public_key/${y.accountId}?key_id=1`),
          404,
          "blocked_or_not_found",
        );
        expectError(await typing(x, y.accountId), 404, "blocked_or_not_found");

        expect(await browseIds(server, x, { filters: NEAR })).toEqual([]);
        const list = await matchesOf(x);
        expect(list.body).toEqual({ matches: [], next: null, version: expect.any(Number) });
        expect(list.body.version).not.toBe(matchOf.get(x)?.version);
      }
      // The message stored before the block is still there for the blocker; nothing new came.
      expect((await pending(server, blocker)).map((e) => fromBase64(e.body))).toEqual(["before the block"]);
      await expectNoFrames(blocker.ws);
      await expectNoFrames(blocked.ws);

      const unblocking = await unblock(blocker, blocked.accountId);
      expect(unblocking.status, JSON.stringify(unblocking.body)).toBe(200);
      expect(unblocking.body).toEqual({ account_ids: [] });
      await expectListsChanged(blocker);
      await expectNoFrames(blocked.ws);
      expect(await blocksOf(blocker)).toEqual([]);

      for (const [x, y] of pairs) {
        expect(await browseIds(server, x, { filters: NEAR })).toEqual([y.accountId]);
        expect((await viewProfile(server, x, y.accountId)).status).toBe(200);
        expect((await profileContent(x, y.accountId)).status).toBe(200);
        expect((await publicKey(x, y.accountId)).status).toBe(200);
        // Still the same match.
        expect((await matchesOf(x)).body.matches).toEqual(matchOf.get(x)?.matches);
        const sent = await sendOk(server, x, y, `hello from ${x.accountId}`);
        const envelope = await nextMessage(y);
        expect(envelope).toMatchObject({ sender: x.accountId, uuid: sent.uuid, number: sent.number });
        expect((await typing(x, y.accountId)).status).toBe(200);
        expect((await nextEvent(y, "typing")).data).toEqual({ account_id: x.accountId, typing: true });
      }
      await expectNoFrames(blocker.ws);
      await expectNoFrames(blocked.ws);
      closeAll([w, m]);
    },
  );
});

describe("likes and blocks", () => {
  test("the blocked account's earlier like is hidden from the blocker, and back after unblock", async () => {
    const target = await woman();
    const liker = await man();
    expect((await like(fixture.server, liker, target)).status).toBe(200);
    expect((await nextEvent(target, "like_received")).data).toEqual({
      account_id: liker.accountId,
      new_count: 1,
    });
    const liked = await receivedLikesOf(target);
    expect(liked.body.likes).toEqual([{ account_id: liker.accountId, liked_at: expect.any(Number) }]);

    expect((await block(target, liker.accountId)).status).toBe(200);
    await expectListsChanged(target);
    const hidden = await receivedLikesOf(target);
    expect(hidden.body).toMatchObject({ likes: [], next: null });
    expect(hidden.body.version).not.toBe(liked.body.version);
    // Blocked, it cannot like again (nor could a like back from the blocker happen).
    expectError(await like(fixture.server, liker, target), 404, "blocked_or_not_found");
    expectError(await like(fixture.server, target, liker), 404, "blocked_or_not_found");

    expect((await unblock(target, liker.accountId)).status).toBe(200);
    await expectListsChanged(target);
    expect((await receivedLikesOf(target)).body.likes).toEqual(liked.body.likes);
    // The like is live again: a like back makes the match.
    const back = await like(fixture.server, target, liker);
    expect(back.body).toEqual({ matched: true, daily_likes_left: null });
    expect((await nextEvent(liker, "match")).data).toMatchObject({ account_id: target.accountId });
    expect((await nextEvent(target, "match")).data).toMatchObject({ account_id: liker.accountId });
    await expectNoFrames(target.ws);
    await expectNoFrames(liker.ws);
    closeAll([target, liker]);
  });

  test("the blocker's own earlier like is hidden from the account it blocked", async () => {
    // Like the match, which leaves both lists whoever blocked: the blocked account can neither see the
    // blocker's profile nor like back, so the like must not stay listed for it either.
    const target = await woman();
    const liker = await man();
    expect((await like(fixture.server, liker, target)).status).toBe(200);
    await nextEvent(target, "like_received");
    const liked = await receivedLikesOf(target);
    expect(liked.body.likes).toEqual([{ account_id: liker.accountId, liked_at: expect.any(Number) }]);

    expect((await block(liker, target.accountId)).status).toBe(200);
    await expectListsChanged(liker);
    expectError(await viewProfile(fixture.server, target, liker.accountId), 404, "not_found");
    expectError(await like(fixture.server, target, liker), 404, "blocked_or_not_found");
    expect((await receivedLikesOf(target)).body.likes).toEqual([]);
    closeAll([target, liker]);
  });
});

describe("block and unblock requests", () => {
  test("GET /chat/blocks oldest first; blocking again or unblocking someone not blocked changes nothing and tells no one; self 400; unknown 404", async () => {
    const blocker = await woman();
    const [b, c] = [await man(), await man()];

    const first = await block(blocker, b.accountId);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ account_ids: [b.accountId] });
    await expectListsChanged(blocker);
    expect((await block(blocker, c.accountId)).body).toEqual({ account_ids: [b.accountId, c.accountId] });
    await expectListsChanged(blocker);

    const again = await block(blocker, b.accountId);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ account_ids: [b.accountId, c.accountId] });
    const notBlocked = await unblock(blocker, randomUUID());
    expect(notBlocked.status).toBe(200);
    expect(notBlocked.body).toEqual({ account_ids: [b.accountId, c.accountId] });
    await expectNoFrames(blocker.ws);

    expectError(await block(blocker, blocker.accountId), 400, "validation_failed");
    expectError(await unblock(blocker, blocker.accountId), 400, "validation_failed");
    expectError(await block(blocker, randomUUID()), 404, "not_found");
    expectError(await block(blocker, "not-an-id"), 400, "validation_failed");
    expectError(await api(blocker).post("/chat/block", {}), 400, "validation_failed");
    expectError(
      await api(blocker).post("/chat/unblock", { account_id: "not-an-id" }),
      400,
      "validation_failed",
    );
    await expectNoFrames(blocker.ws);

    // Blocking needs no match: neither can like the other now.
    expectError(await like(fixture.server, b, blocker), 404, "blocked_or_not_found");
    expectError(await like(fixture.server, blocker, c), 404, "blocked_or_not_found");

    const lifted = await unblock(blocker, b.accountId);
    expect(lifted.body).toEqual({ account_ids: [c.accountId] });
    await expectListsChanged(blocker);
    expect(await blocksOf(blocker)).toEqual([c.accountId]);
    expect(await blocksOf(b)).toEqual([]);
    expect((await like(fixture.server, b, blocker)).status).toBe(200);
    expect((await nextEvent(blocker, "like_received")).data).toEqual({
      account_id: b.accountId,
      new_count: 1,
    });
    for (const user of [blocker, b, c]) await expectNoFrames(user.ws);
    closeAll([blocker, b, c]);
  });

  test("typing to a blocked match gets the very answer typing to an account that does not exist gets", async () => {
    // docs/protocol.md (Blocks): neither can "type to the other (404 blocked_or_not_found, the very
    // answer for an account that does not exist)".
    const w = await woman();
    const m = await man();
    await makeMatch(fixture.server, w, m);
    expect((await block(w, m.accountId)).status).toBe(200);
    await expectListsChanged(w);
    const toBlocked = await typing(m, w.accountId);
    expectError(toBlocked, 404, "blocked_or_not_found");
    const toNobody = await typing(m, randomUUID());
    expect({ status: toNobody.status, body: toNobody.body }).toEqual({
      status: toBlocked.status,
      body: toBlocked.body,
    });
    closeAll([w, m]);
  });
});
