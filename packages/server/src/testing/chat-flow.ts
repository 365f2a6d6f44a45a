import BetterSqlite3 from "better-sqlite3";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import type { MessageEnvelope, SendMessageResponse } from "@venus/model";
import { generateKey } from "openpgp";
import { expect } from "vitest";
import type { HttpResult } from "./http-client.js";
import { as, createProfileUser, type NewProfile, type ProfileUser } from "./profile-flow.js";
import type { Frame } from "./ws-client.js";

type Server = { url: string; wsUrl: string };

/** A user with a profile, a published public key, and the key id senders must name. */
export interface ChatUser extends ProfileUser {
  keyId: number;
}

const keys: Promise<string>[] = [];

/** The `n`th armored OpenPGP public key of this test process (generated once, ~25 ms each). */
export function testPublicKey(n = 0): Promise<string> {
  while (keys.length <= n) {
    keys.push(
      generateKey({
        type: "ecc",
        curve: "curve25519",
        userIDs: [{ name: `venus test ${keys.length}` }],
      }).then((pair) => pair.publicKey),
    );
  }
  return keys[n] as Promise<string>;
}

/** The next event of this name on the user's socket (other frames before it are skipped). */
export const nextEvent = (
  user: { ws: { take(m: (f: Frame) => boolean, t?: number): Promise<Frame> } },
  event: string,
) => user.ws.take((frame) => frame.type === "event" && frame.event === event);

export async function publishKey(server: Server, user: ProfileUser, n = 0): Promise<number> {
  const reply = await as(server, user).put<{ key_id: number }>("/chat/public_key", {
    key: await testPublicKey(n),
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body.key_id;
}

/** A public profile user (no location needed to be liked) with a published key. */
export async function createChatUser(server: Server, options: NewProfile = {}): Promise<ChatUser> {
  const user = await createProfileUser(server, options);
  return Object.assign(user, { keyId: await publishKey(server, user) });
}

export async function like(server: Server, from: ProfileUser, to: ProfileUser): Promise<HttpResult> {
  return as(server, from).post("/chat/like", { account_id: to.accountId });
}

/** Makes `a` and `b` a match: `a` likes `b` (who is told), `b` likes back, both get `match`. */
export async function makeMatch(server: Server, a: ChatUser, b: ChatUser): Promise<void> {
  const first = await like(server, a, b);
  expect(first.status, JSON.stringify(first.body)).toBe(200);
  expect(first.body).toMatchObject({ matched: false });
  expect((await nextEvent(b, "like_received")).data).toMatchObject({ account_id: a.accountId });
  const back = await like(server, b, a);
  expect(back.body).toMatchObject({ matched: true });
  expect((await nextEvent(a, "match")).data).toMatchObject({ account_id: b.accountId });
  expect((await nextEvent(b, "match")).data).toMatchObject({ account_id: a.accountId });
}

/** A woman and a man who match, each with a key. */
export async function matchedPair(server: Server): Promise<[ChatUser, ChatUser]> {
  const a = await createChatUser(server, { gender: "woman", wantedGenders: ["man"] });
  const b = await createChatUser(server, { gender: "man", wantedGenders: ["woman"] });
  await makeMatch(server, a, b);
  return [a, b];
}

export const toBase64 = (text: string) => Buffer.from(text).toString("base64");
export const fromBase64 = (base64: string) => Buffer.from(base64, "base64").toString();

export interface SendOptions {
  uuid?: string;
  senderKeyId?: number;
  recipientKeyId?: number;
  /** Base64 body as sent (default: the text encoded). */
  body?: string;
}

/** The send request body for `text` from `from` to `to` with their current key ids. */
export function sendRequest(from: ChatUser, to: ChatUser, text: string, options: SendOptions = {}) {
  return {
    recipient: to.accountId,
    uuid: options.uuid ?? randomUUID(),
    sender_key_id: options.senderKeyId ?? from.keyId,
    recipient_key_id: options.recipientKeyId ?? to.keyId,
    body: options.body ?? toBase64(text),
  };
}

/** `POST /chat/messages`. */
export function send(
  server: Server,
  from: ChatUser,
  to: ChatUser,
  text: string,
  options: SendOptions = {},
): Promise<HttpResult<SendMessageResponse & Record<string, unknown>>> {
  return as(server, from).post("/chat/messages", sendRequest(from, to, text, options));
}

/** Sends and expects success. */
export async function sendOk(
  server: Server,
  from: ChatUser,
  to: ChatUser,
  text: string,
  options: SendOptions = {},
): Promise<SendMessageResponse> {
  const reply = await send(server, from, to, text, options);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
}

/** The next `new_message` pushed to `user`. */
export async function nextMessage(user: ChatUser): Promise<MessageEnvelope> {
  return (await nextEvent(user, "new_message")).data as unknown as MessageEnvelope;
}

export async function pending(server: Server, user: ChatUser): Promise<MessageEnvelope[]> {
  const reply = await as(server, user).get<{ messages: MessageEnvelope[]; more: boolean }>(
    "/chat/messages/pending",
  );
  expect(reply.status).toBe(200);
  return reply.body.messages;
}

/** The recipient acknowledges these envelopes. */
export async function ackReceived(
  server: Server,
  user: ChatUser,
  envelopes: MessageEnvelope[],
): Promise<number> {
  const reply = await as(server, user).post<{ acknowledged: number }>("/chat/messages/ack", {
    messages: envelopes.map((e) => ({ sender: e.sender, uuid: e.uuid })),
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body.acknowledged;
}

/** The sender acknowledges these message UUIDs. */
export async function ackSent(server: Server, user: ChatUser, uuids: string[]): Promise<number> {
  const reply = await as(server, user).post<{ acknowledged: number }>("/chat/messages/sent/ack", { uuids });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body.acknowledged;
}

/** Rows of the server's messages table, read from the live file (a WAL reader does not block the writer). */
export function storedMessages(server: { dataDir: string }): { uuid: string; body: Buffer | null }[] {
  const db = new BetterSqlite3(join(server.dataDir, "data", "chat.sqlite"), { readonly: true });
  try {
    return db.prepare("SELECT uuid, body FROM messages ORDER BY number").all() as {
      uuid: string;
      body: Buffer | null;
    }[];
  } finally {
    db.close();
  }
}
