import { randomUUID } from "node:crypto";
import {
  HttpApi,
  SystemMethods,
  VenusApiError,
  VenusClient,
  VenusSocket,
  VenusSocketError,
  attempt,
  refusal,
  type VenusClientOptions,
} from "@venus/bot-client";
import type { Gender, MessageEnvelope } from "@venus/model";
import { beforeAll, describe, expect, test } from "vitest";
import { testPublicKey, toBase64 } from "../testing/chat-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { smallJpeg } from "../testing/media-flow.js";
import { prepareSetup } from "../scenarios/steps/people.js";
import { useServer } from "../testing/server-fixture.js";
import { PASSWORD, uniqueEmail } from "../testing/sign-in.js";

/** One free failed login per account, then a minute's wait: the Retry-After test reaches it quickly. */
const fixture = useServer({
  config: {
    rate_limits: {
      ...GENEROUS_RATE_LIMITS,
      login_backoff: {
        ...GENEROUS_RATE_LIMITS.login_backoff,
        free_failures: 1,
        first_delay_seconds: 60,
        max_delay_seconds: 60,
      },
    },
  },
});

/** A new account, logged in and connected. */
const signUp = (options: VenusClientOptions = {}) =>
  VenusClient.signUp(fixture.server.url, uniqueEmail("bot-client"), PASSWORD, options);

/**
 * Everything `complete_setup` needs, through the client: the setup, a security selfie and a profile
 * image (uploads followed to their end by events), then a public profile. Forgets the events so far.
 */
async function completeProfile(client: VenusClient, gender: Gender, wants: Gender[]): Promise<void> {
  await prepareSetup(
    client,
    { name: "Alex", birthdate: "1990-05-17", gender, lookingFor: wants },
    await smallJpeg(),
  );
  expect(await client.account.completeSetup()).toMatchObject({ state: "normal" });
  await client.profile.setVisibility("public");
  client.events.clear();
}

describe("a session", () => {
  test("login, connect: the welcome rotates the token and HTTP uses the new one; reconnect, refresh", async () => {
    const { url } = fixture.server;
    const email = uniqueEmail("bot-client");
    const { account_id } = await VenusClient.register(url, email, PASSWORD);
    const client = await VenusClient.login(url, email, PASSWORD);
    expect(client.accountId).toBe(account_id);
    const loginToken = client.accessToken;

    const offline = await refusal(client.account.state(), "websocket_required");
    expect(offline).toMatchObject({ status: 401, call: "GET /account/state" });

    const welcome = await client.connect();
    expect(welcome).toMatchObject({ type: "welcome", account_id, protocol: 1 });
    expect(welcome.access_token).toEqual(expect.any(String));
    expect(client.accessToken).toBe(welcome.access_token);
    expect(client.accessToken).not.toBe(loginToken);
    const state = await client.account.state();
    expect(state).toMatchObject({ state: "initial_setup", permissions: [] });
    expect((await refusal(new HttpApi(url, { accessToken: loginToken }).get("/account/state"))).code).toBe(
      "invalid_token",
    );
    // The sync event came with the welcome, long before anyone asked for it.
    expect(await client.next("account_state_changed")).toBeUndefined();

    // A reconnect rotates again; with an up-to-date sync nothing is re-sent.
    const beforeReconnect = client.accessToken;
    await client.reconnect({ sync: { account_state: state.sync_version } });
    expect(client.accessToken).not.toBe(beforeReconnect);
    await client.socket.ping();
    expect(client.events.queued()).toEqual([]);
    expect(await client.account.state()).toEqual(state);

    // A refresh gives a new pair, ends the old socket (tokens_refreshed) and reconnects.
    const oldRefresh = client.refreshToken;
    const oldSocket = client.socket;
    const tokens = await client.refresh();
    expect(client.refreshToken).toBe(tokens.refresh_token);
    expect(client.socket).not.toBe(oldSocket);
    await oldSocket.closed;
    expect(oldSocket.isOpen).toBe(false);
    expect(await client.account.state()).toEqual(state);

    // Presenting the replaced refresh token ends the whole session: the socket is told why.
    const reuse = await refusal(client.account.refresh(oldRefresh), "refresh_token_reused");
    expect(reuse.status).toBe(401);
    expect(await client.lastSocket?.closed).toMatchObject({ code: 4004, disconnect: "session_ended" });
    expect(client.connected).toBe(false);
    // The hello is refused, and so is the refresh reconnect() tries then.
    expect(await refusal(client.reconnect(), "invalid_token")).toMatchObject({
      call: "POST /account/refresh",
    });

    // Logging in again is a new session; logout ends it and closes its socket.
    const again = await VenusClient.signIn(url, email, PASSWORD);
    expect(await again.logout()).toMatchObject({ code: 4004, disconnect: "logged_out" });
  });

  test("a hello with a bad token is refused with VenusSocketError", async () => {
    const refused = await VenusSocket.connect(fixture.server.wsUrl, {
      accessToken: "not-a-token",
      client: { kind: "bot", version: "1.0.0" },
    }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(VenusSocketError);
    expect(refused).toMatchObject({ code: "invalid_token", closeCode: 4001 });
  });
});

describe("devices", () => {
  test("two sessions of one account and kind are two devices; one signs the other out; the password changes", async () => {
    const { url } = fixture.server;
    const email = uniqueEmail("bot-client");
    const phone = await VenusClient.signUp(url, email, PASSWORD);
    const laptop = await VenusClient.signIn(url, email, PASSWORD);
    const { devices } = await phone.devices.list();
    expect(devices).toHaveLength(2);
    const other = devices.find((device) => !device.current);
    expect(other).toMatchObject({ online: true, client: { kind: "web" } });
    expect(await phone.devices.signOut(other?.id ?? "")).toEqual({ ok: true });
    expect(await laptop.lastSocket?.closed).toMatchObject({ code: 4004, disconnect: "device_signed_out" });
    expect(
      await phone.devices.changePassword({ current_password: PASSWORD, new_password: `${PASSWORD}!` }),
    ).toEqual({ sessions_ended: 0 });
    await phone.logout();
  });
});

describe("errors", () => {
  test("every refusal is a VenusApiError with status, code and Retry-After", async () => {
    const { url } = fixture.server;
    const email = uniqueEmail("bot-client");
    await VenusClient.register(url, email, PASSWORD);

    const taken = await refusal(VenusClient.register(url, email, PASSWORD), "email_taken");
    expect(taken).toBeInstanceOf(VenusApiError);
    expect(taken).toMatchObject({
      status: 409,
      call: "POST /account/register",
      retryAfterSeconds: undefined,
    });
    expect(taken.message).toEqual(expect.any(String));
    expect(taken.is("email_taken")).toBe(true);

    const wrong = await attempt(VenusClient.login(url, email, "not the password"));
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.error).toMatchObject({ status: 401, code: "invalid_credentials" });

    const wrongAgain = await attempt(VenusClient.login(url, email, "not the password either"));
    expect(wrongAgain.ok).toBe(false);
    const limited = await attempt(VenusClient.login(url, email, PASSWORD));
    expect(limited.ok).toBe(false);
    if (!limited.ok) {
      expect(limited.error).toMatchObject({ status: 429, code: "rate_limited" });
      expect(limited.error.retryAfterSeconds).toBeGreaterThan(0);
      expect(limited.error.retryAfterSeconds).toBeLessThanOrEqual(60);
    }

    const api = new HttpApi(url);
    expect(await refusal(api.post("/account/register", { email: "nobody" }))).toMatchObject({
      status: 400,
      code: "validation_failed",
    });
    expect(await refusal(api.get("/no/such/route"))).toMatchObject({ status: 404, code: "not_found" });
    const raw = await api.exchange({ method: "POST", path: "/account/login", json: { email } });
    expect(raw.status).toBe(400);
  });

  test("WebSocket requests answer like HTTP: VenusApiError for a refusal, raw status for any method", async () => {
    const client = await signUp();
    const notYet = await refusal(
      client.chat.typing({ account_id: randomUUID(), typing: true }, { via: "ws" }),
      "invalid_state",
    );
    expect(notYet).toMatchObject({ status: 409, call: "ws chat.typing", retryAfterSeconds: undefined });
    const viaHttp = await refusal(client.chat.typing({ account_id: randomUUID(), typing: true }));
    expect(viaHttp).toMatchObject({ status: 409, code: "invalid_state", call: "POST /chat/typing" });
    expect(await client.socket.requestRaw("no.such.method", {})).toMatchObject({
      status: 404,
      body: { error: { code: "not_found" } },
    });
    expect(client.socket.errors).toEqual([]);
    expect(client.socket.problems).toEqual([]);
    await client.close();
  });

  test("public routes work without a session", async () => {
    const system = new SystemMethods(new HttpApi(fixture.server.url));
    expect(await system.health()).toMatchObject({ status: "ok" });
    expect(await system.metrics()).toContain("# TYPE");
    const openApi = await system.openApi();
    expect(Object.keys(openApi.paths as object)).toContain("/chat/messages");
  });
});

describe("chat between two clients", () => {
  /** Alice speaks JSON; Bob the msgpack subprotocol. */
  let alice: VenusClient;
  let bob: VenusClient;
  let aliceKey: number;
  let bobKey: number;

  const message = (from: VenusClient, to: VenusClient, text: string) => ({
    recipient: to.accountId,
    uuid: randomUUID(),
    sender_key_id: from === alice ? aliceKey : bobKey,
    recipient_key_id: to === alice ? aliceKey : bobKey,
    body: toBase64(text),
  });

  beforeAll(async () => {
    [alice, bob] = await Promise.all([signUp(), signUp({ msgpack: true })]);
    expect(bob.socket.msgpack).toBe(true);
    expect(alice.socket.msgpack).toBe(false);
    await Promise.all([completeProfile(alice, "woman", ["man"]), completeProfile(bob, "man", ["woman"])]);
    aliceKey = (await alice.chat.publishKey(await testPublicKey(0))).key_id;
    bobKey = (await bob.chat.publishKey(await testPublicKey(1))).key_id;

    expect(await alice.chat.like(bob.accountId)).toMatchObject({ matched: false });
    expect(await bob.next("like_received")).toMatchObject({ account_id: alice.accountId, new_count: 1 });
    expect(await bob.chat.like(alice.accountId)).toMatchObject({ matched: true });
    expect(await alice.next("match")).toMatchObject({ account_id: bob.accountId });
    expect(await bob.next("match")).toMatchObject({ account_id: alice.accountId });
  }, 60_000);

  test("send, deliver, acknowledge, read and type, over HTTP and the socket", async () => {
    expect((await alice.chat.matches()).matches.map((match) => match.account_id)).toEqual([bob.accountId]);
    expect((await bob.chat.publicKey(alice.accountId)).key_id).toBe(aliceKey);

    const first = message(alice, bob, "hello bob");
    const sent = await alice.chat.send(first);
    const envelope = await bob.next("new_message");
    expect(envelope).toMatchObject({ sender: alice.accountId, uuid: first.uuid, number: sent.number });
    expect(Buffer.from(envelope.body, "base64").toString()).toBe("hello bob");
    expect(await bob.chat.ackEnvelopes([envelope], { via: "ws" })).toEqual({ acknowledged: 1 });
    const delivered = await alice.next("delivered");
    expect(delivered.receipts).toMatchObject([{ recipient: bob.accountId, uuid: first.uuid }]);
    expect(await alice.chat.sentAck([first.uuid], { via: "ws" })).toEqual({ acknowledged: 1 });

    const reply = message(bob, alice, "hi alice");
    const replied = await bob.chat.send(reply, { via: "ws" });
    expect(replied.number).toBe(sent.number + 1);
    const back = await alice.next("new_message", { predicate: (e) => e.uuid === reply.uuid });
    expect(await alice.chat.ackEnvelopes([back])).toEqual({ acknowledged: 1 });
    await bob.next("delivered", { predicate: (d) => d.receipts.some((r) => r.uuid === reply.uuid) });
    expect(await bob.chat.sentAck([reply.uuid])).toEqual({ acknowledged: 1 });

    expect(
      await alice.chat.seen({ account_id: bob.accountId, number: replied.number }, { via: "ws" }),
    ).toEqual({ ok: true });
    expect(await bob.next("seen")).toEqual({ account_id: alice.accountId, number: replied.number });
    expect(await bob.chat.seenAck({ account_id: alice.accountId, number: replied.number })).toEqual({
      acknowledged: 1,
    });

    expect(await bob.chat.typing({ account_id: alice.accountId, typing: true }, { via: "ws" })).toEqual({
      ok: true,
    });
    expect(await alice.next("typing")).toEqual({ account_id: bob.accountId, typing: true });

    for (const client of [alice, bob]) {
      expect(await client.chat.pending()).toEqual({ messages: [], more: false });
      expect(await client.chat.receipts()).toEqual({ delivered: [], seen: [] });
      expect(client.socket.problems).toEqual([]);
    }
  });

  test("events that arrive before next() is called are queued, also those in the welcome's chunk", async () => {
    const seenByHandler: MessageEnvelope[] = [];
    const stop = bob.on("new_message", (envelope) => seenByHandler.push(envelope));
    const burst = ["one", "two", "three"].map((text) => message(alice, bob, text));
    const answers = await Promise.all(burst.map((request) => alice.chat.send(request, { via: "ws" })));
    // The pong comes after every frame the server sent bob before it: all three are queued by now.
    await bob.socket.ping();
    expect(bob.events.queued().filter((event) => event.event === "new_message")).toHaveLength(3);
    const received: MessageEnvelope[] = [];
    for (let i = 0; i < burst.length; i++) received.push(await bob.next("new_message"));
    expect(received.map((envelope) => envelope.uuid).sort()).toEqual(burst.map((m) => m.uuid).sort());
    const byNumber = (a: number, b: number) => a - b;
    expect(received.map((envelope) => envelope.number).sort(byNumber)).toEqual(
      answers.map((answer) => answer.number).sort(byNumber),
    );
    expect(seenByHandler).toEqual(received);
    stop();
    await bob.chat.ackEnvelopes(received, { via: "ws" });
    // One acknowledgement of several messages gives their sender one `delivered` with every receipt.
    const receipts = (await alice.next("delivered")).receipts;
    expect(receipts.map((receipt) => receipt.uuid).sort()).toEqual(burst.map((m) => m.uuid).sort());
    await alice.chat.sentAck(burst.map((m) => m.uuid));

    // Messages sent while bob is away are pushed right after the next welcome, often in its own chunk.
    await bob.close();
    const whileAway = ["four", "five"].map((text) => message(alice, bob, text));
    for (const request of whileAway) await alice.chat.send(request);
    bob.events.clear();
    await bob.reconnect();
    const pushed = [await bob.next("new_message"), await bob.next("new_message")];
    expect(pushed.map((envelope) => envelope.uuid)).toEqual(whileAway.map((m) => m.uuid));
    await bob.chat.ackEnvelopes(pushed, { via: "ws" });
    await alice.chat.sentAck(whileAway.map((m) => m.uuid));
    expect(bob.socket.problems).toEqual([]);
  });
});

describe("the msgpack subprotocol", () => {
  test("binary frames both ways: welcome, events, requests, pings, HTTP with the rotated token", async () => {
    const client = await signUp({ msgpack: true, client: { kind: "bot", version: "9.9.9" } });
    expect(client.socket.msgpack).toBe(true);
    expect(await client.next("account_state_changed")).toBeUndefined();
    expect(await client.account.state()).toMatchObject({ state: "initial_setup" });
    expect(await client.socket.ping()).toBeGreaterThanOrEqual(0);
    expect(await refusal(client.request("chat.seen", { account_id: randomUUID(), number: 1 }))).toMatchObject(
      {
        status: 409,
        code: "invalid_state",
      },
    );
    expect(client.socket.problems).toEqual([]);
    expect(await client.close()).toMatchObject({ code: 1000 });
  });
});
