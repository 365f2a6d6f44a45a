import BetterSqlite3 from "better-sqlite3";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import type { MessageEnvelope, SendMessageResponse } from "@venus/model";
import { generateKey } from "openpgp";
import { expect } from "vitest";
import type { HttpResult } from "./http-client.js";
import {
  as,
  createProfileUser,
  waitUntilOffline,
  type NewProfile,
  type ProfileUser,
} from "./profile-flow.js";
import { connect } from "./sign-in.js";
import type { Frame, WsClient } from "./ws-client.js";

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
        curve: "curve25519Legacy",
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

/** Only the rows of these message UUIDs (tests share one server): see `storedMessages`. */
export function storedMessagesOf(server: { dataDir: string }, uuids: readonly string[]) {
  return storedMessages(server).filter((row) => uuids.includes(row.uuid));
}

/** Rows of the server's seen_receipts table (sender → reader → number) involving `accountIds`. */
export function storedSeenReceipts(
  server: { dataDir: string },
  accountIds: readonly string[],
): { sender: string; reader: string; number: number }[] {
  const db = new BetterSqlite3(join(server.dataDir, "data", "chat.sqlite"), { readonly: true });
  try {
    const rows = db.prepare("SELECT sender, reader, number FROM seen_receipts").all() as {
      sender: string;
      reader: string;
      number: number;
    }[];
    return rows.filter((row) => accountIds.includes(row.sender) || accountIds.includes(row.reader));
  } finally {
    db.close();
  }
}

let chatRequestCounter = 0;

/**
 * Sends a WebSocket `request` frame and takes the `response` frame with its id; events pushed
 * meanwhile stay queued (unlike `wsRequest`, which needs the response to come next).
 */
export async function wsCall<T = Record<string, unknown>>(
  user: { ws: WsClient },
  method: string,
  body: unknown,
): Promise<{ status: number; body: T; frame: Frame }> {
  const id = `chat-${++chatRequestCounter}`;
  user.ws.send({ type: "request", id, method, body });
  const frame = await user.ws.take((f) => f.type === "response" && f.id === id);
  expect(Object.keys(frame).sort()).toEqual(["body", "id", "status", "type"]);
  return { status: frame.status as number, body: frame.body as T, frame };
}

/** `PUT /chat/settings` with these values (the others as they are); expects 200. */
export async function setChatSettings(
  server: Server,
  user: ProfileUser,
  settings: Partial<{ delivery_receipts: boolean; read_receipts: boolean; typing: boolean }>,
): Promise<void> {
  const api = as(server, user);
  const current = await api.get("/chat/settings");
  expect(current.status).toBe(200);
  const reply = await api.put("/chat/settings", { ...current.body, ...settings });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  expect(reply.body).toEqual({ ...current.body, ...settings });
}

/**
 * Closes the user's socket and waits until `viewer` (who can see the user's profile) sees the user
 * offline: the server has let go of the connection, so nothing more reaches it.
 */
export async function goOffline(server: Server, user: ProfileUser, viewer: ProfileUser): Promise<void> {
  user.ws.close();
  await user.ws.closed;
  await waitUntilOffline(server, viewer, user);
}

let reconnectCounter = 0;

/**
 * Opens a new socket for the user's session (as a client does after going offline), switching the
 * user to it and to the possibly rotated access token. Resolves with every frame the server pushed
 * after `welcome`, in order, without the sync `*_changed` events (the hello carries an empty sync).
 */
export async function reconnect(server: Server, user: ProfileUser): Promise<Frame[]> {
  const again = await connect(server, {
    account_id: user.accountId,
    access_token: user.accessToken,
    refresh_token: user.refreshToken,
  });
  Object.assign(user, { ws: again.ws, accessToken: again.accessToken, welcome: again.welcome });
  // The server sends welcome and every sync frame at once: all of them precede this ping's pong.
  const id = `reconnect-${++reconnectCounter}`;
  again.ws.send({ type: "ping", id });
  const frames: Frame[] = [];
  for (;;) {
    const frame = await again.ws.next();
    if (frame.type === "pong" && frame.id === id) break;
    if (!(frame.type === "event" && String(frame.event).endsWith("_changed"))) frames.push(frame);
  }
  return frames;
}
