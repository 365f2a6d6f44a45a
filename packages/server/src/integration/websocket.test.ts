import { describe, expect, test } from "vitest";
import { completeSetup, expectError, getState } from "../testing/account-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { request } from "../testing/http-client.js";
import { MEDIA_VERSION_AFTER_SETUP } from "../testing/media-flow.js";
import { connect, login, register, signUp } from "../testing/sign-in.js";
import { useServer } from "../testing/server-fixture.js";
import { transportsUnderTest } from "../testing/transports.js";
import { WsClient } from "../testing/ws-client.js";

describe.each(transportsUnderTest())("WebSocket protocol (transport %s)", (transport) => {
  const fixture = useServer({
    config: {
      http: { transport },
      rate_limits: GENEROUS_RATE_LIMITS,
      websocket: {
        hello_timeout_seconds: 0.5,
        max_frame_bytes: 2048,
        messages_per_second: 5,
        message_burst: 10,
      },
    },
  });

  async function newAccount() {
    const email = await register(fixture.server);
    return { email, tokens: await login(fixture.server, email) };
  }

  const hello = (accessToken: string, extra: Record<string, unknown> = {}) => ({
    type: "hello",
    access_token: accessToken,
    protocol: 1,
    client: { kind: "android", version: "1.2.3" },
    ...extra,
  });

  describe("hello and welcome", () => {
    test("welcome carries the account id and a rotated access token; the old one stops working", async () => {
      const { tokens } = await newAccount();
      const ws = await WsClient.connect(fixture.server.wsUrl);
      ws.send(hello(tokens.access_token, { sync: { account_state: 1 } }));
      const welcome = await ws.next();
      expect(welcome).toMatchObject({
        type: "welcome",
        account_id: tokens.account_id,
        protocol: 1,
      });
      expect(typeof welcome.server_time).toBe("number");
      expect(welcome.access_token).toEqual(expect.any(String));
      expect(welcome.access_token).not.toBe(tokens.access_token);
      expectError(await getState(fixture.server, tokens.access_token), 401, "invalid_token");
      const state = await request(fixture.server.url, "GET", "/account/state", {
        token: welcome.access_token as string,
      });
      expect(state.status).toBe(200);
      ws.close();
    });

    test("the sync sends <type>_changed only for data types whose version differs", async () => {
      const user = await signUp(fixture.server);
      await completeSetup(fixture.server, user);
      expect((await user.ws.next()).event).toBe("profile_changed");
      expect((await user.ws.next()).event).toBe("account_state_changed");
      const login2 = await login(fixture.server, user.email);
      const current = await connect(fixture.server, login2, {
        kind: "ios",
        sync: { account_state: 2, profile: 1, media_content: MEDIA_VERSION_AFTER_SETUP },
      });
      current.ws.send({ type: "ping", id: "after-sync" });
      expect(await current.ws.next()).toEqual({ type: "pong", id: "after-sync" });
      const login3 = await login(fixture.server, user.email);
      const stale = await connect(fixture.server, login3, {
        kind: "bot",
        sync: { account_state: 1, profile: 1, media_content: MEDIA_VERSION_AFTER_SETUP },
      });
      expect(await stale.ws.next()).toEqual({
        type: "event",
        event: "account_state_changed",
      });
      const login4 = await login(fixture.server, user.email);
      const empty = await connect(fixture.server, login4, { kind: "web", sync: {} });
      expect(await empty.ws.next()).toEqual({ type: "event", event: "account_state_changed" });
      expect(await empty.ws.next()).toEqual({ type: "event", event: "profile_changed" });
      expect(await empty.ws.next()).toEqual({ type: "event", event: "media_content_changed" });
      empty.ws.close();
      for (const c of [user, current, stale]) c.ws.close();
    });

    test("an unknown token gets invalid_token and the socket closes", async () => {
      const ws = await WsClient.connect(fixture.server.wsUrl);
      ws.send(hello("not-a-token"));
      expect(await ws.next()).toMatchObject({
        type: "error",
        code: "invalid_token",
      });
      expect((await ws.closed).code).toBe(4001);
    });

    test("a first frame that is not hello gets hello_required", async () => {
      const ws = await WsClient.connect(fixture.server.wsUrl);
      ws.send({ type: "ping", id: 1 });
      expect(await ws.next()).toMatchObject({
        type: "error",
        code: "hello_required",
      });
      expect((await ws.closed).code).toBe(4000);
    });

    test("a malformed hello gets invalid_frame; a wrong protocol gets unsupported_protocol", async () => {
      const { tokens } = await newAccount();
      const bad = await WsClient.connect(fixture.server.wsUrl);
      bad.send({
        ...hello(tokens.access_token),
        client: { kind: "fridge", version: "1" },
      });
      expect(await bad.next()).toMatchObject({
        type: "error",
        code: "invalid_frame",
      });
      const old = await WsClient.connect(fixture.server.wsUrl);
      old.send(hello(tokens.access_token, { protocol: 0 }));
      expect(await old.next()).toMatchObject({
        type: "error",
        code: "unsupported_protocol",
      });
      expect((await old.closed).code).toBe(4000);
    });

    test("frames that are not JSON close the connection with invalid_frame", async () => {
      const ws = await WsClient.connect(fixture.server.wsUrl);
      ws.sendRaw("{not json");
      expect(await ws.next()).toMatchObject({
        type: "error",
        code: "invalid_frame",
      });
      expect((await ws.closed).code).toBe(4000);
    });

    test("no hello within the timeout: hello_timeout and closed", async () => {
      const ws = await WsClient.connect(fixture.server.wsUrl);
      expect(await ws.next(3000)).toMatchObject({
        type: "error",
        code: "hello_timeout",
      });
      expect((await ws.closed).code).toBe(4002);
    });
  });

  describe("after welcome", () => {
    test("ping gets pong with the same id; an unknown frame gets invalid_frame and the socket stays", async () => {
      const user = await signUp(fixture.server);
      user.ws.send({ type: "ping", id: 7 });
      expect(await user.ws.next()).toEqual({ type: "pong", id: 7 });
      user.ws.send({ type: "dance" });
      expect(await user.ws.next()).toMatchObject({
        type: "error",
        code: "invalid_frame",
      });
      user.ws.send({ type: "ping", id: "still-here" });
      expect(await user.ws.next()).toEqual({ type: "pong", id: "still-here" });
      user.ws.close();
    });

    test("a frame that is not JSON, or not msgpack, gets invalid_frame and the socket stays", async () => {
      for (const msgpack of [false, true]) {
        const user = await signUp(fixture.server, { msgpack });
        // Text on a msgpack socket is decoded as JSON; binary 0xc1 is never valid msgpack.
        user.ws.sendRaw(msgpack ? Buffer.from([0xc1]) : "{not json");
        expect(await user.ws.next()).toMatchObject({ type: "error", code: "invalid_frame" });
        user.ws.send({ type: "ping", id: "still-here" });
        expect(await user.ws.next()).toEqual({ type: "pong", id: "still-here" });
        user.ws.close();
      }
    });

    test("a reconnect of the same session replaces its old connection; another device of the same kind does not", async () => {
      const { email, tokens } = await newAccount();
      const first = await connect(fixture.server, tokens, { kind: "web", sync: { account_state: 1 } });
      const otherTab = await connect(fixture.server, await login(fixture.server, email), {
        kind: "web",
        sync: { account_state: 1 },
      });
      // The same session again (its access token as the welcome rotated it): the old socket is told.
      const reconnected = await connect(
        fixture.server,
        { ...tokens, access_token: first.accessToken },
        { kind: "web", sync: { account_state: 1 } },
      );
      expect(await first.ws.next()).toEqual({ type: "disconnect", reason: "replaced" });
      expect((await first.ws.closed).code).toBe(4003);
      for (const live of [otherTab, reconnected]) {
        expect((await getState(fixture.server, live.accessToken)).status).toBe(200);
        live.ws.close();
      }
    });

    test("the msgpack subprotocol gets the same frames as msgpack binary", async () => {
      const { tokens } = await newAccount();
      const user = await connect(fixture.server, tokens, { msgpack: true, sync: {} });
      expect(user.ws.socket.protocol).toBe("msgpack");
      expect(user.welcome).toMatchObject({
        type: "welcome",
        account_id: tokens.account_id,
      });
      expect(await user.ws.next()).toEqual({
        type: "event",
        event: "account_state_changed",
      });
      user.ws.send({ type: "ping", id: 99 });
      expect(await user.ws.next()).toEqual({ type: "pong", id: 99 });
      user.ws.close();
    });
  });

  describe("limits", () => {
    test("frames over the rate limit close the connection with rate_limited", async () => {
      const user = await signUp(fixture.server);
      for (let i = 0; i < 9; i++) user.ws.send({ type: "ping", id: i });
      for (let i = 0; i < 9; i++) expect(await user.ws.next()).toEqual({ type: "pong", id: i });
      for (let i = 0; i < 5; i++) user.ws.send({ type: "ping", id: 100 + i });
      const frames = [];
      for (;;) {
        const frame = await user.ws.next();
        frames.push(frame);
        if (frame.type === "error") break;
      }
      expect(frames.at(-1)).toMatchObject({
        type: "error",
        code: "rate_limited",
      });
      expect(frames.length).toBeLessThanOrEqual(3);
      expect((await user.ws.closed).code).toBe(4029);
    });

    test("a frame at the size limit is read; one byte over closes the connection", async () => {
      const user = await signUp(fixture.server);
      const frame = JSON.stringify({ type: "ping", id: 1 });
      user.ws.sendRaw(frame + " ".repeat(2048 - frame.length));
      expect(await user.ws.next()).toEqual({ type: "pong", id: 1 });
      user.ws.sendRaw(frame + " ".repeat(2048 - frame.length + 1));
      // uWebSockets.js drops an oversized frame's connection at once, without a close frame (1006); ws sends 1009.
      expect((await user.ws.closed).code).toBe(transport === "uws" ? 1006 : 1009);
      expect((await request(fixture.server.url, "GET", "/health")).status).toBe(200);
    });
  });
});
