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
  like,
  makeMatch,
  matchedPair,
  nextEvent,
  nextMessage,
  pending,
  reconnect,
  send,
  sendOk,
  sendRequest,
  storedMessagesOf,
  toBase64,
  wsCall,
  type ChatUser,
} from "../testing/chat-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { as, expectNoFrames } from "../testing/profile-flow.js";
import { connect, login } from "../testing/sign-in.js";
import { useServer } from "../testing/server-fixture.js";

const fixture = useServer({ config: { rate_limits: GENEROUS_RATE_LIMITS } });

const newMessage = (envelope: unknown) => ({ type: "event", event: "new_message", data: envelope });

/** The envelope `to` should get for a send result. */
const envelopeOf = (from: ChatUser, to: ChatUser, sent: SendMessageResponse, text: string) => ({
  version: 1,
  sender: from.accountId,
  recipient: to.accountId,
  uuid: sent.uuid,
  number: sent.number,
  sent_at: sent.sent_at,
  sender_key_id: from.keyId,
  recipient_key_id: to.keyId,
  body: toBase64(text),
  signature: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
});

/** `chat.send` over the WebSocket; expects 200. */
async function wsSendOk(from: ChatUser, to: ChatUser, text: string): Promise<SendMessageResponse> {
  const reply = await wsCall<SendMessageResponse>(from, "chat.send", sendRequest(from, to, text));
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
}

describe("sending", () => {
  test("chat.send over the WebSocket answers with the status and body HTTP gives, and delivers the message", async () => {
    const { server } = fixture;
    const [alice, bob] = await matchedPair(server);
    const request = sendRequest(alice, bob, "over the socket");
    const reply = await wsCall(alice, "chat.send", request);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ uuid: request.uuid, number: 1, sent_at: expect.any(Number) });
    const sent = reply.body as unknown as SendMessageResponse;
    expect(await nextMessage(bob)).toEqual(envelopeOf(alice, bob, sent, "over the socket"));
    // The same request over HTTP is the same send (same handler, same UUID).
    const again = await as(server, alice).post("/chat/messages", request);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(reply.body);

    const bad = { ...sendRequest(alice, bob, "x"), body: "aGk" };
    const wsBad = await wsCall(alice, "chat.send", bad);
    const httpBad = await as(server, alice).post("/chat/messages", bad);
    expectError(wsBad, 400, "validation_failed");
    expectError(httpBad, 400, "validation_failed");
    expect(wsBad.body).toEqual(httpBad.body);
    await expectNoFrames(bob.ws);
    await expectNoFrames(alice.ws);
  });

  test("numbers run 1..n across both directions; each side gets its messages pushed in order and pending in order", async () => {
    const { server } = fixture;
    const [alice, bob] = await matchedPair(server);
    const sent = [
      await sendOk(server, alice, bob, "a1"),
      await wsSendOk(bob, alice, "b1"),
      await wsSendOk(alice, bob, "a2"),
      await sendOk(server, alice, bob, "a3"),
      await sendOk(server, bob, alice, "b2"),
    ];
    expect(sent.map((s) => s.number)).toEqual([1, 2, 3, 4, 5]);
    const [a1, b1, a2, a3, b2] = sent as [
      SendMessageResponse,
      SendMessageResponse,
      SendMessageResponse,
      SendMessageResponse,
      SendMessageResponse,
    ];
    expect(a1.sent_at).toBeLessThanOrEqual(b2.sent_at);

    const toBob = [await nextMessage(bob), await nextMessage(bob), await nextMessage(bob)];
    expect(toBob).toEqual([
      envelopeOf(alice, bob, a1, "a1"),
      envelopeOf(alice, bob, a2, "a2"),
      envelopeOf(alice, bob, a3, "a3"),
    ]);
    const toAlice = [await nextMessage(alice), await nextMessage(alice)];
    expect(toAlice).toEqual([envelopeOf(bob, alice, b1, "b1"), envelopeOf(bob, alice, b2, "b2")]);
    expect(await pending(server, bob)).toEqual(toBob);
    expect(await pending(server, alice)).toEqual(toAlice);
    // Nobody gets an echo of its own messages.
    await expectNoFrames(alice.ws);
    await expectNoFrames(bob.ws);
  });

  test("concurrent sends in both directions get distinct numbers, and each side gets them in number order", async () => {
    const { server } = fixture;
    const [alice, bob] = await matchedPair(server);
    const results = await Promise.all([
      sendOk(server, alice, bob, "a1"),
      sendOk(server, bob, alice, "b1"),
      wsSendOk(alice, bob, "a2"),
      sendOk(server, bob, alice, "b2"),
      sendOk(server, alice, bob, "a3"),
      wsSendOk(bob, alice, "b3"),
    ]);
    expect(results.map((r) => r.number).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const [recipient, mine] of [
      [bob, [results[0], results[2], results[4]]],
      [alice, [results[1], results[3], results[5]]],
    ] as const) {
      const pushed = [
        await nextMessage(recipient),
        await nextMessage(recipient),
        await nextMessage(recipient),
      ];
      const numbers = pushed.map((e) => e.number);
      expect(numbers).toEqual([...numbers].sort((x, y) => x - y));
      expect(new Set(pushed.map((e) => e.uuid))).toEqual(new Set(mine.map((r) => r?.uuid)));
      expect(await pending(server, recipient)).toEqual(pushed);
      await expectNoFrames(recipient.ws);
    }
  });

  test("every connected device of the recipient gets new_message; the sender's other device gets no echo", async () => {
    const { server } = fixture;
    const [alice, bob] = await matchedPair(server);
    const bobPhone = await connect(server, await login(server, bob.email), { kind: "android" });
    const alicePhone = await connect(server, await login(server, alice.email), { kind: "android" });
    const sent = await sendOk(server, alice, bob, "to all of bob");
    const expected = envelopeOf(alice, bob, sent, "to all of bob");
    expect(await nextEvent(bob, "new_message")).toEqual(newMessage(expected));
    expect(await nextEvent(bobPhone, "new_message")).toEqual(newMessage(expected));
    // Acknowledged from one device, it is no longer pending for any.
    const acked = await as(server, bobPhone).post("/chat/messages/ack", {
      messages: [{ sender: alice.accountId, uuid: sent.uuid }],
    });
    expect(acked.body).toEqual({ acknowledged: 1 });
    expect(await pending(server, bob)).toEqual([]);
    expect((await nextEvent(alice, "delivered")).data).toMatchObject({ receipts: [{ uuid: sent.uuid }] });
    expect((await nextEvent(alicePhone, "delivered")).data).toMatchObject({
      receipts: [{ uuid: sent.uuid }],
    });
    alicePhone.ws.discard((f) => f.type === "event" && String(f.event).endsWith("_changed"));
    await expectNoFrames(alicePhone.ws);
    bobPhone.ws.close();
    alicePhone.ws.close();
  });
});

describe("offline delivery", () => {
  test("messages sent while the recipient is offline are pushed in order right after welcome on reconnect, and are pending", async () => {
    const { server } = fixture;
    const [alice, bob] = await matchedPair(server);
    await goOffline(server, bob, alice);
    const sent = [
      await sendOk(server, alice, bob, "one"),
      await wsSendOk(alice, bob, "two"),
      await sendOk(server, alice, bob, "three"),
    ];
    const expected = [
      envelopeOf(alice, bob, sent[0] as SendMessageResponse, "one"),
      envelopeOf(alice, bob, sent[1] as SendMessageResponse, "two"),
      envelopeOf(alice, bob, sent[2] as SendMessageResponse, "three"),
    ];

    const pushed = await reconnect(server, bob);
    expect(pushed).toEqual(expected.map(newMessage));
    const envelopes = pushed.map((frame) => frame.data as MessageEnvelope);
    expect(await pending(server, bob)).toEqual(envelopes);

    // Until acknowledged they stay pending: the next connection gets them again.
    await goOffline(server, bob, alice);
    expect(await reconnect(server, bob)).toEqual(pushed);

    expect(await ackReceived(server, bob, envelopes)).toBe(3);
    expect((await nextEvent(alice, "delivered")).data).toEqual({
      receipts: sent.map((s) => ({
        recipient: bob.accountId,
        uuid: s.uuid,
        number: s.number,
        delivered_at: expect.any(Number),
      })),
    });
    await goOffline(server, bob, alice);
    expect(await reconnect(server, bob)).toEqual([]);
    expect(await pending(server, bob)).toEqual([]);
  });

  test("delivered and seen receipts waiting for an offline sender are pushed on its reconnect, after welcome", async () => {
    const { server } = fixture;
    const [alice, bob] = await matchedPair(server);
    const sent = [await sendOk(server, alice, bob, "one"), await sendOk(server, alice, bob, "two")];
    const envelopes = [await nextMessage(bob), await nextMessage(bob)];
    await goOffline(server, alice, bob);

    expect(await ackReceived(server, bob, envelopes)).toBe(2);
    const seen = await as(server, bob).post("/chat/seen", { account_id: alice.accountId, number: 2 });
    expect(seen.status, JSON.stringify(seen.body)).toBe(200);

    const receipts = sent.map((s) => ({
      recipient: bob.accountId,
      uuid: s.uuid,
      number: s.number,
      delivered_at: expect.any(Number),
    }));
    expect(await reconnect(server, alice)).toEqual([
      { type: "event", event: "delivered", data: { receipts } },
      { type: "event", event: "seen", data: { account_id: bob.accountId, number: 2 } },
    ]);
    expect((await as(server, alice).get("/chat/receipts")).body).toEqual({
      delivered: receipts,
      seen: [{ account_id: bob.accountId, number: 2 }],
    });

    // Acknowledged receipts are not pushed again.
    expect(
      await ackSent(
        server,
        alice,
        sent.map((s) => s.uuid),
      ),
    ).toBe(2);
    const seenAck = await as(server, alice).post("/chat/seen/ack", { account_id: bob.accountId, number: 2 });
    expect(seenAck.body).toEqual({ acknowledged: 1 });
    await goOffline(server, alice, bob);
    expect(await reconnect(server, alice)).toEqual([]);
    expect(
      storedMessagesOf(
        server,
        sent.map((s) => s.uuid),
      ),
    ).toEqual([]);
  });
});

describe("sending a UUID again", () => {
  test("returns the first result, even with another body, and the recipient gets one message", async () => {
    const { server } = fixture;
    const [alice, bob] = await matchedPair(server);
    const uuid = randomUUID();
    const first = await sendOk(server, alice, bob, "the original", { uuid });
    const envelope = await nextMessage(bob);
    expect(await sendOk(server, alice, bob, "a different body", { uuid })).toEqual(first);
    const overWs = await wsCall(alice, "chat.send", sendRequest(alice, bob, "yet another", { uuid }));
    expect(overWs).toMatchObject({ status: 200, body: first });
    await expectNoFrames(bob.ws);
    expect(await pending(server, bob)).toEqual([envelope]);
    expect(fromBase64(envelope.body)).toBe("the original");
    expect(storedMessagesOf(server, [uuid]).map((m) => m.body?.toString())).toEqual(["the original"]);
  });

  test("after the recipient acknowledged, returns the first result and delivers nothing", async () => {
    const { server } = fixture;
    const [alice, bob] = await matchedPair(server);
    const first = await sendOk(server, alice, bob, "hello");
    expect(await ackReceived(server, bob, [await nextMessage(bob)])).toBe(1);
    await nextEvent(alice, "delivered");
    expect(await sendOk(server, alice, bob, "hello", { uuid: first.uuid })).toEqual(first);
    await expectNoFrames(bob.ws);
    await expectNoFrames(alice.ws);
    expect(await pending(server, bob)).toEqual([]);
    expect(storedMessagesOf(server, [first.uuid])).toEqual([{ uuid: first.uuid, body: null }]);
  });

  test("two concurrent sends with one UUID (HTTP and WebSocket) store one message", async () => {
    const { server } = fixture;
    const [alice, bob] = await matchedPair(server);
    const request = sendRequest(alice, bob, "only once");
    const [viaHttp, viaWs, viaHttpAgain] = await Promise.all([
      as(server, alice).post("/chat/messages", request),
      wsCall(alice, "chat.send", request),
      as(server, alice).post("/chat/messages", { ...request, body: toBase64("other") }),
    ]);
    for (const reply of [viaHttp, viaWs, viaHttpAgain]) expect(reply.status).toBe(200);
    expect(viaWs.body).toEqual(viaHttp.body);
    expect(viaHttpAgain.body).toEqual(viaHttp.body);
    expect(viaHttp.body).toEqual({ uuid: request.uuid, number: 1, sent_at: expect.any(Number) });
    const envelope = await nextMessage(bob);
    expect(fromBase64(envelope.body)).toBe("only once");
    await expectNoFrames(bob.ws);
    expect(await pending(server, bob)).toEqual([envelope]);
    expect(storedMessagesOf(server, [request.uuid])).toHaveLength(1);
    // The next message is number 2: the duplicates took no number.
    expect((await sendOk(server, alice, bob, "next")).number).toBe(2);
  });

  test("once both sides acknowledged (the row is deleted) the UUID is forgotten: sending it again is a new message with the next number", async () => {
    const { server } = fixture;
    const [alice, bob] = await matchedPair(server);
    const first = await sendOk(server, alice, bob, "first life");
    expect(await ackReceived(server, bob, [await nextMessage(bob)])).toBe(1);
    await nextEvent(alice, "delivered");
    expect(await ackSent(server, alice, [first.uuid])).toBe(1);
    expect(storedMessagesOf(server, [first.uuid])).toEqual([]);

    const second = await sendOk(server, alice, bob, "second life", { uuid: first.uuid });
    expect(second).toEqual({ uuid: first.uuid, number: 2, sent_at: expect.any(Number) });
    expect(second.sent_at).toBeGreaterThanOrEqual(first.sent_at);
    expect(await nextMessage(bob)).toEqual(envelopeOf(alice, bob, second, "second life"));
  });
});

describe("who may message whom", () => {
  test("a non-match is 403 not_a_match (a one-sided like is not enough); an unknown account or oneself 404 blocked_or_not_found", async () => {
    const { server } = fixture;
    const [alice, bob] = await matchedPair(server);
    const carol = await createChatUser(server, { gender: "man", wantedGenders: ["woman"] });
    expect((await like(server, alice, carol)).status).toBe(200);
    await nextEvent(carol, "like_received");

    expectError(await send(server, alice, carol, "hi"), 403, "not_a_match");
    expectError(await send(server, carol, alice, "hi"), 403, "not_a_match");
    expectError(await wsCall(alice, "chat.send", sendRequest(alice, carol, "hi")), 403, "not_a_match");
    const stranger = { ...carol, accountId: randomUUID(), keyId: 1 };
    expectError(await send(server, alice, stranger, "hi"), 404, "blocked_or_not_found");
    expectError(
      await wsCall(alice, "chat.send", sendRequest(alice, stranger, "hi")),
      404,
      "blocked_or_not_found",
    );
    expectError(await send(server, alice, alice, "hi"), 404, "blocked_or_not_found");
    expectError(
      await wsCall(alice, "chat.send", sendRequest(alice, alice, "hi")),
      404,
      "blocked_or_not_found",
    );

    // Refused sends are not stored, pushed or counted.
    await expectNoFrames(carol.ws);
    await expectNoFrames(alice.ws);
    expect(await pending(server, carol)).toEqual([]);
    expect(await pending(server, alice)).toEqual([]);
    expect((await as(server, alice).get("/chat/state")).body).toMatchObject({ messages_left_today: 200 });
    expect((await sendOk(server, alice, bob, "to my match")).number).toBe(1);
  });

  test("a block either way is 404 blocked_or_not_found in both directions", async () => {
    const { server } = fixture;
    const [alice, bob] = await matchedPair(server);
    const blocked = await as(server, bob).post("/chat/block", { account_id: alice.accountId });
    expect(blocked.status, JSON.stringify(blocked.body)).toBe(200);
    expectError(await send(server, alice, bob, "hi"), 404, "blocked_or_not_found");
    expectError(await send(server, bob, alice, "hi"), 404, "blocked_or_not_found");
    expect(await pending(server, bob)).toEqual([]);
    expect(await pending(server, alice)).toEqual([]);
  });

  test("key ids other than both current ones are 409 public_key_outdated", async () => {
    const { server } = fixture;
    const [alice, bob] = await matchedPair(server);
    expectError(
      await send(server, alice, bob, "hi", { senderKeyId: alice.keyId + 1 }),
      409,
      "public_key_outdated",
    );
    expectError(
      await send(server, alice, bob, "hi", { recipientKeyId: bob.keyId + 1 }),
      409,
      "public_key_outdated",
    );
    await expectNoFrames(bob.ws);
  });
});

describe("validation", () => {
  test("a body that is not padded standard base64 is 400 validation_failed, over HTTP and the WebSocket", async () => {
    const { server } = fixture;
    const [alice, bob] = await matchedPair(server);
    const bodies = {
      "not padded": "aGk",
      "a character outside base64": "aGk*",
      "base64url characters": "a-_k",
      "padding inside": "aG=k",
      "too much padding": "aGk===",
      whitespace: "aGk= ",
    };
    for (const [what, body] of Object.entries(bodies)) {
      const http = await send(server, alice, bob, "", { body });
      expect(http.status, what).toBe(400);
      expectError(http, 400, "validation_failed");
      expectError(
        await wsCall(alice, "chat.send", sendRequest(alice, bob, "", { body })),
        400,
        "validation_failed",
      );
    }
    await expectNoFrames(bob.ws);
    expect((await as(server, alice).get("/chat/state")).body).toMatchObject({ messages_left_today: 200 });
    // The same with proper padding goes through.
    expect((await sendOk(server, alice, bob, "", { body: "aGk=" })).number).toBe(1);
  });

  test("a UUID that is not one, or an unknown field, is 400 validation_failed", async () => {
    const { server } = fixture;
    const [alice, bob] = await matchedPair(server);
    const api = as(server, alice);
    expectError(
      await api.post("/chat/messages", { ...sendRequest(alice, bob, "hi"), uuid: "not-a-uuid" }),
      400,
      "validation_failed",
    );
    expectError(
      await api.post("/chat/messages", { ...sendRequest(alice, bob, "hi"), extra: 1 }),
      400,
      "validation_failed",
    );
    await expectNoFrames(bob.ws);
  });
});

describe("acknowledgements", () => {
  test("acknowledging unknown messages counts 0", async () => {
    const { server } = fixture;
    const [alice, bob] = await matchedPair(server);
    expect(
      await ackReceived(server, bob, [{ sender: alice.accountId, uuid: randomUUID() } as MessageEnvelope]),
    ).toBe(0);
    expect(await ackSent(server, alice, [randomUUID(), randomUUID()])).toBe(0);
    await expectNoFrames(alice.ws);
  });

  test("only the recipient acknowledges a message: a third account, the sender, or the recipient as sender change nothing", async () => {
    const { server } = fixture;
    const [alice, bob] = await matchedPair(server);
    const carol = await createChatUser(server, { gender: "man", wantedGenders: ["woman"] });
    await makeMatch(server, alice, carol);
    const sent = await sendOk(server, alice, bob, "for bob only");
    const envelope = await nextMessage(bob);

    expect(await ackReceived(server, carol, [envelope])).toBe(0);
    expect(await ackReceived(server, alice, [envelope])).toBe(0);
    expect(await ackSent(server, bob, [sent.uuid])).toBe(0);
    expect(await ackSent(server, carol, [sent.uuid])).toBe(0);
    await expectNoFrames(alice.ws);
    expect(await pending(server, bob)).toEqual([envelope]);
    expect(storedMessagesOf(server, [sent.uuid]).map((m) => m.body?.toString())).toEqual(["for bob only"]);

    expect(await ackReceived(server, bob, [envelope])).toBe(1);
    expect(await ackReceived(server, bob, [envelope])).toBe(0);
    expect((await nextEvent(alice, "delivered")).data).toMatchObject({ receipts: [{ uuid: sent.uuid }] });
    await expectNoFrames(alice.ws);
  });

  test("chat.ack and chat.sent.ack over the WebSocket answer as HTTP does and finish the messages", async () => {
    const { server } = fixture;
    const [alice, bob] = await matchedPair(server);
    const sent = [await sendOk(server, alice, bob, "one"), await sendOk(server, alice, bob, "two")];
    const envelopes = [await nextMessage(bob), await nextMessage(bob)];
    const uuids = sent.map((s) => s.uuid);

    expectError(await wsCall(bob, "chat.ack", { messages: [] }), 400, "validation_failed");
    const acked = await wsCall(bob, "chat.ack", {
      messages: envelopes.map((e) => ({ sender: e.sender, uuid: e.uuid })),
    });
    expect(acked).toMatchObject({ status: 200, body: { acknowledged: 2 } });
    expect((await nextEvent(alice, "delivered")).data).toEqual({
      receipts: sent.map((s) => ({
        recipient: bob.accountId,
        uuid: s.uuid,
        number: s.number,
        delivered_at: expect.any(Number),
      })),
    });
    expect(storedMessagesOf(server, uuids)).toEqual(uuids.map((uuid) => ({ uuid, body: null })));

    expect(await wsCall(alice, "chat.sent.ack", { uuids })).toMatchObject({
      status: 200,
      body: { acknowledged: 2 },
    });
    expect(storedMessagesOf(server, uuids)).toEqual([]);
    expect((await as(server, alice).get("/chat/receipts")).body).toEqual({ delivered: [], seen: [] });
    expect(await wsCall(alice, "chat.sent.ack", { uuids })).toMatchObject({
      status: 200,
      body: { acknowledged: 0 },
    });
    await expectNoFrames(alice.ws);
    await expectNoFrames(bob.ws);
  });
});
