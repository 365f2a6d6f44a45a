import { randomUUID } from "node:crypto";
import type { MessageEnvelope, SendMessageResponse } from "@venus/model";
import { describe, expect, test } from "vitest";
import { expectError } from "../testing/account-flow.js";
import {
  ackReceived,
  ackSent,
  createChatUser,
  fromBase64,
  goOffline,
  makeMatch,
  matchedPair,
  nextEvent,
  nextMessage,
  pending,
  reconnect,
  send,
  sendOk,
  sendRequest,
  setChatSettings,
  wsCall,
  type ChatUser,
  storedMessagesOf,
} from "../testing/chat-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { request } from "../testing/http-client.js";
import { as, expectNoFrames } from "../testing/profile-flow.js";
import { useServer } from "../testing/server-fixture.js";

type Server = { url: string; wsUrl: string };

/** Base64 of `n` bytes. */
const bytes = (n: number) => Buffer.alloc(n, 0xa5).toString("base64");

const messagesLeft = async (server: Server, user: ChatUser) => {
  const state = await as(server, user).get<{ messages_left_today: number }>("/chat/state");
  expect(state.status).toBe(200);
  return state.body.messages_left_today;
};

/** Alice matched with Bob and with Carol. */
async function aliceWithTwoMatches(server: Server): Promise<[ChatUser, ChatUser, ChatUser]> {
  const [alice, bob] = await matchedPair(server);
  const carol = await createChatUser(server, { gender: "man", wantedGenders: ["woman"] });
  await makeMatch(server, alice, carol);
  return [alice, bob, carol];
}

describe("chat.max_message_bytes (1000)", () => {
  const MAX = 1000;
  // The send route's body limit: ceil(1000 / 3) * 4 base64 characters and 1024 bytes for the rest.
  const BODY_LIMIT = Math.ceil(MAX / 3) * 4 + 1024;
  const fixture = useServer({
    config: { rate_limits: GENEROUS_RATE_LIMITS, chat: { max_message_bytes: MAX } },
  });

  test("999 and exactly 1000 decoded bytes are sent; 1001 and 1002 are 413 message_too_large, over HTTP and the WebSocket", async () => {
    const { server } = fixture;
    const [alice, bob] = await matchedPair(server);
    for (const n of [999, MAX]) {
      await sendOk(server, alice, bob, "", { body: bytes(n) });
      const envelope = await nextMessage(bob);
      expect(Buffer.from(envelope.body, "base64")).toHaveLength(n);
    }
    for (const n of [MAX + 1, MAX + 2]) {
      expectError(await send(server, alice, bob, "", { body: bytes(n) }), 413, "message_too_large");
      expectError(
        await wsCall(alice, "chat.send", sendRequest(alice, bob, "", { body: bytes(n) })),
        413,
        "message_too_large",
      );
    }
    const overWs = await wsCall(alice, "chat.send", sendRequest(alice, bob, "", { body: bytes(MAX) }));
    expect(overWs).toMatchObject({ status: 200, body: { number: 3 } });
    expect(Buffer.from((await nextMessage(bob)).body, "base64")).toHaveLength(MAX);
    await expectNoFrames(bob.ws);
  });

  test(`the send route's HTTP body limit is ${BODY_LIMIT} bytes: a request of exactly that size is sent, one byte more is 413 payload_too_large`, async () => {
    const { server } = fixture;
    const [alice, bob] = await matchedPair(server);
    const padded = (length: number) => {
      const json = JSON.stringify(sendRequest(alice, bob, "", { body: bytes(MAX) }));
      expect(json.length).toBeLessThan(length);
      return json + " ".repeat(length - json.length);
    };
    const post = (body: string) =>
      request(server.url, "POST", "/chat/messages", { token: alice.accessToken, body });
    const atLimit = await post(padded(BODY_LIMIT));
    expect(atLimit.status, JSON.stringify(atLimit.body)).toBe(200);
    expect(Buffer.from((await nextMessage(bob)).body, "base64")).toHaveLength(MAX);
    expectError(await post(padded(BODY_LIMIT + 1)), 413, "payload_too_large");
    await expectNoFrames(bob.ws);
  });

  test("a payload far beyond the limit (100 KB body) is 413 payload_too_large: the body limit answers before the message check", async () => {
    const { server } = fixture;
    const [alice, bob] = await matchedPair(server);
    expectError(await send(server, alice, bob, "", { body: bytes(100_000) }), 413, "payload_too_large");
    await expectNoFrames(bob.ws);
  });

  test("the body is checked before the recipient (protocol order): 1001 bytes is 413 message_too_large to a non-match and to an unknown account", async () => {
    const { server } = fixture;
    const alice = await createChatUser(server);
    const carol = await createChatUser(server, { gender: "man", wantedGenders: ["woman"] });
    expectError(await send(server, alice, carol, "", { body: bytes(MAX + 1) }), 413, "message_too_large");
    const stranger = { ...carol, accountId: randomUUID() };
    expectError(await send(server, alice, stranger, "", { body: bytes(MAX + 1) }), 413, "message_too_large");
  });
});

describe("chat.messages_per_day (3)", () => {
  const fixture = useServer({ config: { rate_limits: GENEROUS_RATE_LIMITS, chat: { messages_per_day: 3 } } });

  test("3 messages pass, the 4th is 429 daily_message_limit with Retry-After until UTC midnight; messages_left_today counts down", async () => {
    const { server } = fixture;
    const [alice, bob] = await matchedPair(server);
    expect(await messagesLeft(server, alice)).toBe(3);
    // A refused send does not count.
    expectError(await send(server, alice, bob, "", { body: "aGk" }), 400, "validation_failed");
    expect(await messagesLeft(server, alice)).toBe(3);
    const sent: SendMessageResponse[] = [];
    for (const left of [2, 1, 0]) {
      sent.push(await sendOk(server, alice, bob, `message ${sent.length + 1}`));
      expect(await messagesLeft(server, alice)).toBe(left);
    }
    const refused = await send(server, alice, bob, "one too many");
    expectError(refused, 429, "daily_message_limit");
    const retryAfter = Number(refused.headers.get("retry-after"));
    const untilMidnight = Math.ceil((86_400_000 - (Date.now() % 86_400_000)) / 1000);
    expect(retryAfter).toBeGreaterThanOrEqual(untilMidnight - 5);
    expect(retryAfter).toBeLessThanOrEqual(untilMidnight + 5);
    expectError(
      await wsCall(alice, "chat.send", sendRequest(alice, bob, "one too many")),
      429,
      "daily_message_limit",
    );
    // A resend of a stored UUID is answered as before, and costs nothing.
    expect(
      await sendOk(server, alice, bob, "again", { uuid: (sent[2] as SendMessageResponse).uuid }),
    ).toEqual(sent[2]);
    expect(await messagesLeft(server, alice)).toBe(0);

    // The limit is the sender's: Bob still has all of his.
    expect(await messagesLeft(server, bob)).toBe(3);
    await sendOk(server, bob, alice, "my first");
    expect(await messagesLeft(server, bob)).toBe(2);
    const received = [await nextMessage(bob), await nextMessage(bob), await nextMessage(bob)];
    expect(received.map((e) => fromBase64(e.body))).toEqual(["message 1", "message 2", "message 3"]);
    await expectNoFrames(bob.ws);
  });

  test("concurrent sends cannot go beyond the limit: of 4 at once, 3 pass and 1 is 429 daily_message_limit", async () => {
    const { server } = fixture;
    const [alice, bob] = await matchedPair(server);
    const replies = await Promise.all([1, 2, 3, 4].map((i) => send(server, alice, bob, `burst ${i}`)));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 200, 429]);
    expectError(
      replies.find((r) => r.status === 429) as (typeof replies)[number],
      429,
      "daily_message_limit",
    );
    expect(await pending(server, bob)).toHaveLength(3);
    expect(await messagesLeft(server, alice)).toBe(0);
  });
});

describe("chat.max_unacknowledged_per_conversation (2)", () => {
  const fixture = useServer({
    config: { rate_limits: GENEROUS_RATE_LIMITS, chat: { max_unacknowledged_per_conversation: 2 } },
  });

  test("the third unacknowledged message is 429 conversation_full; once the recipient acknowledges one, the next goes through", async () => {
    const { server } = fixture;
    const [alice, bob] = await matchedPair(server);
    const first = await sendOk(server, alice, bob, "one");
    const second = await sendOk(server, alice, bob, "two");
    expectError(await send(server, alice, bob, "three"), 429, "conversation_full");
    expectError(await wsCall(alice, "chat.send", sendRequest(alice, bob, "three")), 429, "conversation_full");
    // A resend of a stored UUID is still answered.
    expect(await sendOk(server, alice, bob, "one", { uuid: first.uuid })).toEqual(first);
    // The sender's own acknowledgement frees nothing: the recipient has not acknowledged.
    expect(await ackSent(server, alice, [first.uuid, second.uuid])).toBe(2);
    expectError(await send(server, alice, bob, "three"), 429, "conversation_full");

    const envelopes = [await nextMessage(bob), await nextMessage(bob)];
    expect(await ackReceived(server, bob, [envelopes[0] as MessageEnvelope])).toBe(1);
    await nextEvent(alice, "delivered");
    const third = await sendOk(server, alice, bob, "three");
    expect(third.number).toBe(3);
    expectError(await send(server, alice, bob, "four"), 429, "conversation_full");
    expect((await pending(server, bob)).map((e) => fromBase64(e.body))).toEqual(["two", "three"]);
  });

  test("the limit is per direction and per conversation: the recipient and the sender's other match are unaffected", async () => {
    const { server } = fixture;
    const [alice, bob, carol] = await aliceWithTwoMatches(server);
    await sendOk(server, alice, bob, "one");
    await sendOk(server, alice, bob, "two");
    expectError(await send(server, alice, bob, "three"), 429, "conversation_full");
    // Bob → Alice is another direction; Alice → Carol another conversation.
    await sendOk(server, bob, alice, "b1");
    await sendOk(server, bob, alice, "b2");
    expectError(await send(server, bob, alice, "b3"), 429, "conversation_full");
    await sendOk(server, alice, carol, "c1");
    await sendOk(server, alice, carol, "c2");
    expectError(await send(server, alice, carol, "c3"), 429, "conversation_full");
  });

  test("concurrent sends fill the conversation exactly: of 3 at once, 2 pass and 1 is 429 conversation_full", async () => {
    const { server } = fixture;
    const [alice, bob] = await matchedPair(server);
    const replies = await Promise.all([
      send(server, alice, bob, "x"),
      wsCall(alice, "chat.send", sendRequest(alice, bob, "y")),
      send(server, alice, bob, "z"),
    ]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 429]);
    expectError(replies.find((r) => r.status === 429) as (typeof replies)[number], 429, "conversation_full");
    await nextMessage(bob);
    await nextMessage(bob);
    await expectNoFrames(bob.ws);
    expect(await pending(server, bob)).toHaveLength(2);
  });
});

describe("chat.max_pending_receipts (2)", () => {
  const fixture = useServer({
    config: { rate_limits: GENEROUS_RATE_LIMITS, chat: { max_pending_receipts: 2 } },
  });

  test("2 acknowledgements owed (send answers, then delivered receipts) give 429 receipts_pending in every conversation; chat.sent.ack lets the sender send again", async () => {
    const { server } = fixture;
    const [alice, bob, carol] = await aliceWithTwoMatches(server);
    const m1 = await sendOk(server, alice, bob, "one");
    const m2 = await sendOk(server, alice, bob, "two");
    // Two send answers not acknowledged: the limit, whether or not bob has the messages.
    expectError(await send(server, alice, bob, "three"), 429, "receipts_pending");
    expectError(await wsCall(alice, "chat.send", sendRequest(alice, bob, "three")), 429, "receipts_pending");
    expectError(await send(server, alice, carol, "hi carol"), 429, "receipts_pending");
    // The recipient's count is its own.
    await sendOk(server, bob, alice, "bob is fine");

    expect(await wsCall(alice, "chat.sent.ack", { uuids: [m1.uuid, m2.uuid] })).toMatchObject({
      status: 200,
      body: { acknowledged: 2 },
    });
    const m3 = await sendOk(server, alice, carol, "hi carol");
    await ackSent(server, alice, [m3.uuid]);
    // Delivered receipts are owed again: bob acknowledges one and two, alice is told of both.
    expect(await ackReceived(server, bob, [await nextMessage(bob), await nextMessage(bob)])).toBe(2);
    expect((await nextEvent(alice, "delivered")).data).toMatchObject({
      receipts: [{ uuid: m1.uuid }, { uuid: m2.uuid }],
    });
    expectError(await send(server, alice, carol, "again"), 429, "receipts_pending");
    expect(await ackSent(server, alice, [m1.uuid])).toBe(1);
    const m4 = await sendOk(server, alice, carol, "again");
    expectError(await send(server, alice, bob, "four"), 429, "receipts_pending");
    expect(await ackSent(server, alice, [m2.uuid, m4.uuid])).toBe(2);
    await sendOk(server, alice, bob, "four");
  });

  test("with the recipient's delivery receipts off the sender learns nothing: its unacknowledged send answers count, delivered or not, and acknowledging them finishes the messages", async () => {
    const { server } = fixture;
    const [alice, bob] = await matchedPair(server);
    await setChatSettings(server, bob, { delivery_receipts: false });
    const sent = [await sendOk(server, alice, bob, "one"), await sendOk(server, alice, bob, "two")];
    expect(await ackReceived(server, bob, [await nextMessage(bob), await nextMessage(bob)])).toBe(2);
    await expectNoFrames(alice.ws);
    expect((await as(server, alice).get("/chat/receipts")).body).toEqual({ delivered: [], seen: [] });
    expectError(await send(server, alice, bob, "three"), 429, "receipts_pending");
    expect(
      await ackSent(
        server,
        alice,
        sent.map((s) => s.uuid),
      ),
    ).toBe(2);
    expect(
      storedMessagesOf(
        server,
        sent.map((m) => m.uuid),
      ),
    ).toEqual([]);
    await sendOk(server, alice, bob, "three");
  });
});

describe("chat.pending_page_size (2)", () => {
  const fixture = useServer({
    config: { rate_limits: GENEROUS_RATE_LIMITS, chat: { pending_page_size: 2 } },
  });

  const pendingPage = async (server: Server, user: ChatUser) => {
    const reply = await as(server, user).get<{ messages: MessageEnvelope[]; more: boolean }>(
      "/chat/messages/pending",
    );
    expect(reply.status).toBe(200);
    return reply.body;
  };

  test("a connecting device gets one page of 2 pending messages; the list says more until at most 2 are left", async () => {
    const { server } = fixture;
    const [alice, bob] = await matchedPair(server);
    await goOffline(server, bob, alice);
    for (const text of ["one", "two", "three"]) await sendOk(server, alice, bob, text);

    const pushed = await reconnect(server, bob);
    expect(pushed.map((f) => [f.event, (f.data as MessageEnvelope).number])).toEqual([
      ["new_message", 1],
      ["new_message", 2],
    ]);
    const first = await pendingPage(server, bob);
    expect(first).toEqual({ messages: pushed.map((f) => f.data), more: true });

    expect(await ackReceived(server, bob, first.messages)).toBe(2);
    expect(await pendingPage(server, bob)).toEqual({
      messages: [expect.objectContaining({ number: 3 })],
      more: false,
    });
    await sendOk(server, alice, bob, "four");
    await nextMessage(bob);
    const exactlyTwo = await pendingPage(server, bob);
    expect(exactlyTwo.messages.map((e) => fromBase64(e.body))).toEqual(["three", "four"]);
    expect(exactlyTwo.more).toBe(false);
  });
});
