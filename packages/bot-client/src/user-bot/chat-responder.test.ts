import type { MessageEnvelope, SendMessageRequest } from "@venus/model";
import { generateKey } from "openpgp";
import { beforeAll, describe, expect, test } from "vitest";
import { VenusApiError } from "../venus-api-error.js";
import type { VenusClient } from "../venus-client.js";
import { BotKeyPair, PeerKeys } from "./chat-keys.js";
import { ChatResponder, type Act } from "./chat-responder.js";

const BOT = "b".repeat(22);
const ALICE = "a".repeat(22);

let aliceKeys: string[];

beforeAll(async () => {
  const pairs = await Promise.all(
    [1, 2].map(() => generateKey({ type: "ecc", curve: "curve25519Legacy", userIDs: [{ name: "alice" }] })),
  );
  aliceKeys = pairs.map((pair) => pair.publicKey);
});

const envelope = (uuid: string, number: number): MessageEnvelope => ({
  version: 1,
  sender: ALICE,
  recipient: BOT,
  uuid,
  number,
  sent_at: 0,
  sender_key_id: 1,
  recipient_key_id: 1,
  body: "",
  signature: "x".repeat(43),
});

/** A client whose chat calls are recorded; `failures` makes the next calls of a method fail. */
function fakeClient(failures: Record<string, unknown[]> = {}) {
  const calls: [string, unknown][] = [];
  let aliceKeyId = 1;
  const call = <T>(name: string, body: unknown, answer: () => T): Promise<T> => {
    calls.push([name, body]);
    const failure = failures[name]?.shift();
    return failure === undefined ? Promise.resolve(answer()) : Promise.reject(failure);
  };
  const chat = {
    publishKey: (key: string) => call("publishKey", key.length > 0, () => ({ key_id: 7 })),
    publicKey: (accountId: string) =>
      call("publicKey", accountId, () => ({
        account_id: accountId,
        key_id: aliceKeyId,
        key: aliceKeys[aliceKeyId - 1] as string,
        published_at: 0,
      })),
    ackEnvelopes: (envelopes: MessageEnvelope[]) =>
      call(
        "ack",
        envelopes.map((e) => e.uuid),
        () => ({ acknowledged: envelopes.length }),
      ),
    send: (request: SendMessageRequest) =>
      call("send", { ...request, body: request.body.length > 0 }, () => ({
        uuid: request.uuid,
        number: 9,
        sent_at: 0,
      })),
    sentAck: (uuids: string[]) => call("sentAck", uuids.length, () => ({ acknowledged: uuids.length })),
    seen: (request: unknown) => call("seen", request, () => ({ ok: true })),
    seenAck: (request: unknown) => call("seenAck", request, () => ({ acknowledged: 1 })),
  };
  const client = { accountId: BOT, chat } as unknown as VenusClient;
  return { client, calls, newAliceKey: () => (aliceKeyId = 2) };
}

/** Like the bot's own: runs the action, swallows (and keeps) its error. */
function recordingAct(errors: unknown[]): Act {
  return async (_kind, action) => {
    try {
      await action();
      return true;
    } catch (error) {
      errors.push(error);
      return false;
    }
  };
}

describe("ChatResponder", () => {
  test("acknowledges, answers each message once, marks the conversation seen up to the last", async () => {
    const { client, calls } = fakeClient();
    const errors: unknown[] = [];
    const own = await BotKeyPair.publishNew(client);
    const responder = new ChatResponder(client, own, new PeerKeys(client), "hi", recordingAct(errors));
    await responder.answer([envelope("u1", 3), envelope("u2", 4), envelope("u1", 3)]);
    await responder.answer([envelope("u2", 4)]);
    expect(errors).toEqual([]);
    const names = calls.map(([name]) => name);
    expect(names).toEqual([
      "publishKey",
      "ack",
      "publicKey",
      "send",
      "sentAck",
      "publicKey",
      "send",
      "sentAck",
      "seen",
    ]);
    expect(calls[1]).toEqual(["ack", ["u1", "u2"]]);
    expect(calls[3]?.[1]).toMatchObject({
      recipient: ALICE,
      sender_key_id: 7,
      recipient_key_id: 1,
      body: true,
    });
    expect(calls.at(-1)).toEqual(["seen", { account_id: ALICE, number: 4 }]);
  });

  test("an outdated key is fetched again and the send tried once more with the same uuid", async () => {
    const outdated = new VenusApiError(409, "public_key_outdated", "old key");
    const { client, calls, newAliceKey } = fakeClient({ send: [outdated] });
    const errors: unknown[] = [];
    const responder = new ChatResponder(
      client,
      await BotKeyPair.publishNew(client),
      new PeerKeys(client),
      "hi",
      recordingAct(errors),
    );
    newAliceKey();
    await responder.answer([envelope("u1", 1)]);
    expect(errors).toEqual([]);
    const sends = calls.filter(([name]) => name === "send").map(([, body]) => body as SendMessageRequest);
    expect(sends).toHaveLength(2);
    expect(sends[0]?.uuid).toBe(sends[1]?.uuid);
    expect(sends[1]?.recipient_key_id).toBe(2);
  });

  test("a failed acknowledgement leaves the message for its next delivery", async () => {
    const { client, calls } = fakeClient({ ack: [new Error("network")] });
    const errors: unknown[] = [];
    const responder = new ChatResponder(
      client,
      await BotKeyPair.publishNew(client),
      new PeerKeys(client),
      "hi",
      recordingAct(errors),
    );
    await responder.answer([envelope("u1", 1)]);
    expect(errors).toHaveLength(1);
    expect(calls.map(([name]) => name)).toEqual(["publishKey", "ack"]);
    await responder.answer([envelope("u1", 1)]);
    expect(calls.map(([name]) => name)).toContain("send");
  });
});
