import type { MessageEnvelope } from "@venus/model";
import { IDBFactory } from "fake-indexeddb";
import { describe, expect, it } from "vitest";
import { matchedPair, nextEvent, nextMessage, type ChatUser } from "../../../server/src/testing/chat-flow.js";
import { as } from "../../../server/src/testing/profile-flow.js";
import { useServer } from "../../../server/src/testing/server-fixture.js";
import type { ChatApi } from "./chat-api.js";
import { ChatStore } from "./chat-store.js";
import { Inbox } from "./inbox.js";
import { ownKeyPair, PeerKeys } from "./keys.js";
import { Outbox } from "./outbox.js";

const fixture = useServer();

/** The chat module's calls over HTTP to the real server; `offline` makes every call fail as fetch does. */
function httpApi(user: ChatUser, network = { offline: false }): ChatApi {
  const call = async <T>(method: "get" | "put" | "post", path: string, body?: unknown): Promise<T> => {
    if (network.offline) throw new TypeError("Failed to fetch");
    const reply = await as(fixture.server, user)[method]<Record<string, unknown>>(path, body);
    if (reply.status >= 300) throw { status: reply.status, ...(reply.body.error as object) };
    return reply.body as T;
  };
  return {
    publishKey: (key) => call("put", "/chat/public_key", { key }),
    publicKey: (id, keyId) => call("get", `/chat/public_key/${id}${keyId ? `?key_id=${keyId}` : ""}`),
    send: (request) => call("post", "/chat/messages", request),
    sentAck: async (uuids) => void (await call("post", "/chat/messages/sent/ack", { uuids })),
    ack: async (messages) => void (await call("post", "/chat/messages/ack", { messages })),
  };
}

/** One person's device: its own IndexedDB, key pair, outbox and inbox. */
async function device(user: ChatUser, network = { offline: false }, factory = new IDBFactory()) {
  const api = httpApi(user, network);
  const store = await ChatStore.open(user.accountId, factory);
  const peers = new PeerKeys(store, api);
  const own = await ownKeyPair(store, api, "venus web test");
  const outbox = new Outbox(store, api, peers, own, () => undefined);
  const inbox = new Inbox(store, api, peers, own.privateKey, () => undefined);
  return { store, outbox, inbox, network, own };
}

describe("the web app's end-to-end chat against the real server", () => {
  it("encrypts, sends, decrypts and verifies; the receipt marks the message delivered", async () => {
    const [ada, bob] = await matchedPair(fixture.server);
    const a = await device(ada);
    const b = await device(bob);
    await a.outbox.write(bob.accountId, "Hei Bob, moi!");
    await a.outbox.flush();
    const envelope = await nextMessage(bob);
    expect(Buffer.from(envelope.body, "base64").toString("latin1")).not.toContain("Hei Bob");
    await b.inbox.receive([envelope]);
    const [received] = await b.store.conversation(ada.accountId);
    expect(received).toMatchObject({ text: "Hei Bob, moi!", verified: true, direction: "in", number: 1 });
    const delivered = await nextEvent(ada, "delivered");
    await a.outbox.delivered((delivered.data as { receipts: never[] }).receipts);
    const [sent] = await a.store.conversation(bob.accountId);
    expect(sent).toMatchObject({ state: "delivered", number: 1, text: "Hei Bob, moi!" });
  });

  it("keeps a message written offline and sends it once when the connection is back", async () => {
    const [ada, bob] = await matchedPair(fixture.server);
    const a = await device(ada);
    a.network.offline = true;
    const written = await a.outbox.write(bob.accountId, "written on the train");
    await a.outbox.flush();
    expect((await a.store.queued()).map((m) => m.uuid)).toEqual([written.uuid]);
    a.network.offline = false;
    await a.outbox.flush();
    await a.outbox.flush();
    expect(await a.store.queued()).toEqual([]);
    const pending = await as(fixture.server, bob).get<{ messages: MessageEnvelope[] }>(
      "/chat/messages/pending",
    );
    expect(pending.body.messages.map((m) => m.uuid)).toEqual([written.uuid]);
  });

  it("sends a message whose answer was lost again with its UUID: the server keeps one copy", async () => {
    const [ada, bob] = await matchedPair(fixture.server);
    const a = await device(ada);
    const api = httpApi(ada);
    // The server stores the send, then the connection drops before the answer arrives.
    const lossy = new Outbox(
      a.store,
      { ...api, send: async (r) => (await api.send(r), Promise.reject(new TypeError("network"))) },
      new PeerKeys(a.store, api),
      a.own,
      () => undefined,
    );
    const written = await lossy.write(bob.accountId, "did this arrive?");
    await lossy.flush();
    expect(await a.store.queued()).toHaveLength(1);
    await a.outbox.flush();
    const [sent] = await a.store.conversation(bob.accountId);
    expect(sent).toMatchObject({ uuid: written.uuid, state: "sent", number: 1 });
    const pending = await as(fixture.server, bob).get<{ messages: MessageEnvelope[] }>(
      "/chat/messages/pending",
    );
    expect(pending.body.messages.map((m) => m.uuid)).toEqual([written.uuid]);
  });

  it("publishes its key again when another device replaced it (public_key_outdated)", async () => {
    const [ada, bob] = await matchedPair(fixture.server);
    const a = await device(ada);
    const b = await device(bob);
    const other = await device(ada); // a second browser of Ada's: its own key pair, now the current one
    expect(other.own.keyId).toBeGreaterThan(a.own.keyId);
    await a.outbox.write(bob.accountId, "from the first browser");
    await a.outbox.flush();
    expect((await a.store.ownKey())?.keyId).toBeGreaterThan(other.own.keyId);
    await b.inbox.receive([await nextMessage(bob)]);
    const [received] = await b.store.conversation(ada.accountId);
    expect(received).toMatchObject({ text: "from the first browser", verified: true });
  });

  it("keeps the conversation across a reload (the same IndexedDB opened again)", async () => {
    const [ada, bob] = await matchedPair(fixture.server);
    const factory = new IDBFactory();
    const first = await device(ada, { offline: false }, factory);
    await first.outbox.write(bob.accountId, "still here?");
    await first.outbox.flush();
    first.store.close();
    const again = await device(ada, { offline: false }, factory);
    expect(again.own.keyId).toBe(first.own.keyId);
    expect((await again.store.conversation(bob.accountId)).map((m) => m.text)).toEqual(["still here?"]);
  });
});
