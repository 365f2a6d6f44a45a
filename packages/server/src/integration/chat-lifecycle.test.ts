import { describe, expect, test } from "vitest";
import {
  ackReceived,
  ackSent,
  fromBase64,
  matchedPair,
  nextEvent,
  nextMessage,
  pending,
  sendOk,
  storedMessages,
} from "../testing/chat-flow.js";
import { as, expectNoFrames } from "../testing/profile-flow.js";
import { request } from "../testing/http-client.js";
import { useServer } from "../testing/server-fixture.js";

const fixture = useServer();

describe("a message's whole life", () => {
  test("like → match → message → delivered → seen → deleted", async () => {
    const { server } = fixture;
    const [alice, bob] = await matchedPair(server);

    const sent = await sendOk(server, alice, bob, "hello bob");
    expect(sent.number).toBe(1);
    const envelope = await nextMessage(bob);
    expect(envelope).toMatchObject({
      version: 1,
      sender: alice.accountId,
      recipient: bob.accountId,
      uuid: sent.uuid,
      number: 1,
      sent_at: sent.sent_at,
      sender_key_id: alice.keyId,
      recipient_key_id: bob.keyId,
    });
    expect(fromBase64(envelope.body)).toBe("hello bob");
    expect(await pending(server, bob)).toEqual([envelope]);
    expect(storedMessages(server).map((m) => m.body?.toString())).toEqual(["hello bob"]);

    expect(await ackReceived(server, bob, [envelope])).toBe(1);
    const delivered = await nextEvent(alice, "delivered");
    expect(delivered.data).toEqual({
      receipts: [{ recipient: bob.accountId, uuid: sent.uuid, number: 1, delivered_at: expect.any(Number) }],
    });
    expect(await pending(server, bob)).toEqual([]);
    // The body is gone as soon as the recipient has it; the row waits for the sender.
    expect(storedMessages(server)).toEqual([{ uuid: sent.uuid, body: null }]);

    const seen = await as(server, bob).post("/chat/seen", { account_id: alice.accountId, number: 1 });
    expect(seen.status).toBe(200);
    expect((await nextEvent(alice, "seen")).data).toEqual({ account_id: bob.accountId, number: 1 });
    expect((await as(server, alice).get("/chat/receipts")).body).toEqual({
      delivered: [{ recipient: bob.accountId, uuid: sent.uuid, number: 1, delivered_at: expect.any(Number) }],
      seen: [{ account_id: bob.accountId, number: 1 }],
    });

    expect(await ackSent(server, alice, [sent.uuid])).toBe(1);
    const seenAck = await as(server, alice).post("/chat/seen/ack", { account_id: bob.accountId, number: 1 });
    expect(seenAck.body).toEqual({ acknowledged: 1 });
    expect((await as(server, alice).get("/chat/receipts")).body).toEqual({ delivered: [], seen: [] });
    expect(storedMessages(server)).toEqual([]);
    await expectNoFrames(bob.ws);

    const metrics = await request<string>(server.url, "GET", "/metrics");
    for (const step of ["stored", "delivered", "deleted"])
      expect(metrics.body).toContain(`venus_chat_messages_total{step="${step}"} 1`);
  });
});
