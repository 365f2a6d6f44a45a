import { describe, expect, test } from "vitest";
import { expectError } from "../testing/account-flow.js";
import {
  ackReceived,
  ackSent,
  createChatUser,
  matchedPair,
  nextEvent,
  nextMessage,
  sendOk,
  setChatSettings,
  storedMessagesOf,
  storedSeenReceipts,
  wsCall,
  type ChatUser,
} from "../testing/chat-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { as, expectNoFrames } from "../testing/profile-flow.js";
import { useServer } from "../testing/server-fixture.js";

type Server = { url: string; wsUrl: string };

const receipts = async (server: Server, user: ChatUser) => {
  const reply = await as(server, user).get("/chat/receipts");
  expect(reply.status).toBe(200);
  return reply.body;
};

const seen = (server: Server, reader: ChatUser, other: ChatUser, number: number) =>
  as(server, reader).post("/chat/seen", { account_id: other.accountId, number });

const seenAck = (server: Server, sender: ChatUser, reader: ChatUser, number: number) =>
  as(server, sender).post("/chat/seen/ack", { account_id: reader.accountId, number });

const typing = (user: ChatUser, other: { accountId: string }, value: boolean) =>
  wsCall(user, "chat.typing", { account_id: other.accountId, typing: value });

describe("with a typing interval of 60 s", () => {
  const fixture = useServer({
    config: { rate_limits: GENEROUS_RATE_LIMITS, chat: { typing_min_interval_ms: 60_000 } },
  });

  describe("delivery receipts", () => {
    test("a recipient without delivery receipts tells the sender nothing; the sender's acknowledgement still finishes the message", async () => {
      const { server } = fixture;
      const [alice, bob] = await matchedPair(server);
      await setChatSettings(server, bob, { delivery_receipts: false });
      const sent = await sendOk(server, alice, bob, "quietly");
      expect(await ackReceived(server, bob, [await nextMessage(bob)])).toBe(1);
      await expectNoFrames(alice.ws);
      expect(await receipts(server, alice)).toEqual({ delivered: [], seen: [] });
      expect(storedMessagesOf(server, [sent.uuid])).toEqual([{ uuid: sent.uuid, body: null }]);
      expect(await ackSent(server, alice, [sent.uuid])).toBe(1);
      expect(storedMessagesOf(server, [sent.uuid])).toEqual([]);
      await expectNoFrames(alice.ws);
    });

    test("a sender acknowledgement before delivery, then the recipient's: the message is finished at once without receipts", async () => {
      const { server } = fixture;
      const [alice, bob] = await matchedPair(server);
      await setChatSettings(server, bob, { delivery_receipts: false });
      const sent = await sendOk(server, alice, bob, "quietly");
      expect(await ackSent(server, alice, [sent.uuid])).toBe(1);
      expect(storedMessagesOf(server, [sent.uuid])).toHaveLength(1);
      expect(await ackReceived(server, bob, [await nextMessage(bob)])).toBe(1);
      expect(storedMessagesOf(server, [sent.uuid])).toEqual([]);
      await expectNoFrames(alice.ws);
      expect(await receipts(server, alice)).toEqual({ delivered: [], seen: [] });
    });

    test("a sender that acknowledged before delivery gets `delivered` when the recipient shares receipts, and a second acknowledgement deletes the message", async () => {
      const { server } = fixture;
      const [alice, bob] = await matchedPair(server);
      const sent = await sendOk(server, alice, bob, "hello");
      expect(await ackSent(server, alice, [sent.uuid])).toBe(1);
      expect(await ackSent(server, alice, [sent.uuid])).toBe(0);
      expect(storedMessagesOf(server, [sent.uuid]).map((m) => m.body?.toString())).toEqual(["hello"]);

      expect(await ackReceived(server, bob, [await nextMessage(bob)])).toBe(1);
      const receipt = {
        recipient: bob.accountId,
        uuid: sent.uuid,
        number: 1,
        delivered_at: expect.any(Number),
      };
      expect((await nextEvent(alice, "delivered")).data).toEqual({ receipts: [receipt] });
      expect(storedMessagesOf(server, [sent.uuid])).toEqual([{ uuid: sent.uuid, body: null }]);
      expect(await receipts(server, alice)).toEqual({ delivered: [receipt], seen: [] });

      expect(await ackSent(server, alice, [sent.uuid])).toBe(1);
      expect(storedMessagesOf(server, [sent.uuid])).toEqual([]);
      expect(await receipts(server, alice)).toEqual({ delivered: [], seen: [] });
      expect(await ackSent(server, alice, [sent.uuid])).toBe(0);
    });

    test("the setting applies from the next acknowledgement on", async () => {
      const { server } = fixture;
      const [alice, bob] = await matchedPair(server);
      const first = await sendOk(server, alice, bob, "one");
      const second = await sendOk(server, alice, bob, "two");
      const envelopes = [await nextMessage(bob), await nextMessage(bob)];
      expect(await ackReceived(server, bob, envelopes.slice(0, 1))).toBe(1);
      expect((await nextEvent(alice, "delivered")).data).toMatchObject({ receipts: [{ uuid: first.uuid }] });
      await setChatSettings(server, bob, { delivery_receipts: false });
      expect(await ackReceived(server, bob, envelopes.slice(1))).toBe(1);
      await expectNoFrames(alice.ws);
      expect(await receipts(server, alice)).toMatchObject({ delivered: [{ uuid: first.uuid }] });
      expect(await ackSent(server, alice, [first.uuid, second.uuid])).toBe(2);
      expect(storedMessagesOf(server, [first.uuid, second.uuid])).toEqual([]);
    });
  });

  describe("read receipts", () => {
    test("a newer seen replaces the older; an older or equal one changes nothing; acknowledging an older number leaves the newer", async () => {
      const { server } = fixture;
      const [alice, bob] = await matchedPair(server);
      for (const text of ["one", "two", "three"]) await sendOk(server, alice, bob, text);

      expect((await seen(server, bob, alice, 1)).body).toEqual({ ok: true });
      expect((await nextEvent(alice, "seen")).data).toEqual({ account_id: bob.accountId, number: 1 });
      const overWs = await wsCall(bob, "chat.seen", { account_id: alice.accountId, number: 2 });
      expect(overWs).toMatchObject({ status: 200, body: { ok: true } });
      expect((await nextEvent(alice, "seen")).data).toEqual({ account_id: bob.accountId, number: 2 });
      expect(await receipts(server, alice)).toEqual({
        delivered: [],
        seen: [{ account_id: bob.accountId, number: 2 }],
      });
      expect(storedSeenReceipts(server, [alice.accountId])).toEqual([
        { sender: alice.accountId, reader: bob.accountId, number: 2 },
      ]);

      for (const number of [1, 2]) expect((await seen(server, bob, alice, number)).status).toBe(200);
      await expectNoFrames(alice.ws);

      expect((await seenAck(server, alice, bob, 1)).body).toEqual({ acknowledged: 0 });
      expect(await receipts(server, alice)).toMatchObject({
        seen: [{ account_id: bob.accountId, number: 2 }],
      });
      const ack = await wsCall(alice, "chat.seen.ack", { account_id: bob.accountId, number: 2 });
      expect(ack).toMatchObject({ status: 200, body: { acknowledged: 1 } });
      expect(await receipts(server, alice)).toEqual({ delivered: [], seen: [] });
      expect(storedSeenReceipts(server, [alice.accountId])).toEqual([]);
      expect((await seenAck(server, alice, bob, 2)).body).toEqual({ acknowledged: 0 });

      // After the acknowledgement a newer number is a new receipt.
      expect((await seen(server, bob, alice, 3)).status).toBe(200);
      expect((await nextEvent(alice, "seen")).data).toEqual({ account_id: bob.accountId, number: 3 });
    });

    test("seen again for a number the sender already acknowledged is stored and pushed again (no high-water mark is kept)", async () => {
      const { server } = fixture;
      const [alice, bob] = await matchedPair(server);
      await sendOk(server, alice, bob, "one");
      expect((await seen(server, bob, alice, 1)).status).toBe(200);
      await nextEvent(alice, "seen");
      expect((await seenAck(server, alice, bob, 1)).body).toEqual({ acknowledged: 1 });
      expect((await seen(server, bob, alice, 1)).status).toBe(200);
      expect((await nextEvent(alice, "seen")).data).toEqual({ account_id: bob.accountId, number: 1 });
      expect(storedSeenReceipts(server, [alice.accountId])).toEqual([
        { sender: alice.accountId, reader: bob.accountId, number: 1 },
      ]);
    });

    test("seen up to the conversation's latest number passes; beyond it is 400 validation_failed", async () => {
      const { server } = fixture;
      const [alice, bob] = await matchedPair(server);
      expectError(await seen(server, bob, alice, 1), 400, "validation_failed");
      await sendOk(server, alice, bob, "one");
      await sendOk(server, bob, alice, "two");
      expectError(await seen(server, bob, alice, 3), 400, "validation_failed");
      expectError(
        await wsCall(bob, "chat.seen", { account_id: alice.accountId, number: 3 }),
        400,
        "validation_failed",
      );
      expectError(await seen(server, bob, alice, 0), 400, "validation_failed");
      expect((await seen(server, bob, alice, 2)).status).toBe(200);
      expect((await nextEvent(alice, "seen")).data).toEqual({ account_id: bob.accountId, number: 2 });
    });

    test("a reader without read receipts: 200, but the other side gets nothing and nothing is stored", async () => {
      const { server } = fixture;
      const [alice, bob] = await matchedPair(server);
      await setChatSettings(server, bob, { read_receipts: false });
      await sendOk(server, alice, bob, "one");
      expect((await seen(server, bob, alice, 1)).body).toEqual({ ok: true });
      await expectNoFrames(alice.ws);
      expect(await receipts(server, alice)).toEqual({ delivered: [], seen: [] });
      expect(storedSeenReceipts(server, [alice.accountId, bob.accountId])).toEqual([]);
      // Beyond the latest is still refused.
      expectError(await seen(server, bob, alice, 2), 400, "validation_failed");
    });

    test("seen for a non-match is 403 not_a_match; for oneself 404 blocked_or_not_found", async () => {
      const { server } = fixture;
      const alice = await createChatUser(server);
      const carol = await createChatUser(server, { gender: "man", wantedGenders: ["woman"] });
      expectError(await seen(server, alice, carol, 1), 403, "not_a_match");
      expectError(await seen(server, alice, alice, 1), 404, "blocked_or_not_found");
    });
  });

  describe("typing", () => {
    test("chat.typing is forwarded as `typing` to the other side; a second one within the interval is 429 rate_limited and not forwarded", async () => {
      const { server } = fixture;
      const [alice, bob] = await matchedPair(server);
      expect(await typing(alice, bob, true)).toMatchObject({ status: 200, body: { ok: true } });
      expect(await bob.ws.next()).toEqual({
        type: "event",
        event: "typing",
        data: { account_id: alice.accountId, typing: true },
      });
      expectError(await typing(alice, bob, false), 429, "rate_limited");
      await expectNoFrames(bob.ws);
      await expectNoFrames(alice.ws);
      // The interval is the typer's: Bob may type.
      expect(await typing(bob, alice, true)).toMatchObject({ status: 200 });
      expect((await nextEvent(alice, "typing")).data).toEqual({ account_id: bob.accountId, typing: true });
    });

    test("over HTTP a typing frame within the interval is 429 with a Retry-After that covers the rest of the interval", async () => {
      const { server } = fixture;
      const [alice, bob] = await matchedPair(server);
      const api = as(server, alice);
      expect((await api.post("/chat/typing", { account_id: bob.accountId, typing: true })).body).toEqual({
        ok: true,
      });
      await nextEvent(bob, "typing");
      const refused = await api.post("/chat/typing", { account_id: bob.accountId, typing: true });
      expectError(refused, 429, "rate_limited");
      const retryAfter = Number(refused.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThanOrEqual(58);
      expect(retryAfter).toBeLessThanOrEqual(60);
    });

    test("a typer with typing off gets 200, but nothing is forwarded", async () => {
      const { server } = fixture;
      const [alice, bob] = await matchedPair(server);
      await setChatSettings(server, alice, { typing: false });
      expect(await typing(alice, bob, true)).toMatchObject({ status: 200, body: { ok: true } });
      await expectNoFrames(bob.ws);
      // The other side's setting does not matter for what it is told.
      expect(await typing(bob, alice, true)).toMatchObject({ status: 200, body: { ok: true } });
      expect((await nextEvent(alice, "typing")).data).toEqual({ account_id: bob.accountId, typing: true });
    });

    test("typing to a non-match is 403 not_a_match, to oneself or a blocked match 404 blocked_or_not_found; refused ones do not count", async () => {
      const { server } = fixture;
      const [alice, bob] = await matchedPair(server);
      const carol = await createChatUser(server, { gender: "man", wantedGenders: ["woman"] });
      expectError(await typing(alice, carol, true), 403, "not_a_match");
      expectError(await typing(alice, alice, true), 404, "blocked_or_not_found");
      await expectNoFrames(carol.ws);
      expect(await typing(alice, bob, true)).toMatchObject({ status: 200 });
      await nextEvent(bob, "typing");

      const blocked = await as(server, bob).post("/chat/block", { account_id: alice.accountId });
      expect(blocked.status, JSON.stringify(blocked.body)).toBe(200);
      expectError(await typing(alice, bob, false), 404, "blocked_or_not_found");
      expectError(await typing(bob, alice, true), 404, "blocked_or_not_found");
      await expectNoFrames(alice.ws);
    });
  });
});

describe("with a typing interval of 0", () => {
  const fixture = useServer({
    config: { rate_limits: GENEROUS_RATE_LIMITS, chat: { typing_min_interval_ms: 0 } },
  });

  test("every typing frame is forwarded, in order", async () => {
    const { server } = fixture;
    const [alice, bob] = await matchedPair(server);
    for (const value of [true, false, true]) {
      expect(await typing(alice, bob, value)).toMatchObject({ status: 200, body: { ok: true } });
    }
    for (const value of [true, false, true]) {
      expect(await bob.ws.next()).toEqual({
        type: "event",
        event: "typing",
        data: { account_id: alice.accountId, typing: value },
      });
    }
    await expectNoFrames(bob.ws);
  });
});
