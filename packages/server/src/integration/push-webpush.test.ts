import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { goOffline, matchedPair, nextMessage, reconnect, sendOk } from "../testing/chat-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { expectError } from "../testing/account-flow.js";
import { request } from "../testing/http-client.js";
import { as, createProfileUser, wsRequest } from "../testing/profile-flow.js";
import { eventually, registerTarget, sleep } from "../testing/push/push-flow.js";
import { testTls } from "../testing/push/test-ca.js";
import { TestWebPushService } from "../testing/push/test-webpush-service.js";
import { connect, login } from "../testing/sign-in.js";
import { startServer, type RunningServer } from "../testing/spawn-server.js";

const COALESCE_SECONDS = 1.5;
const ROOT_EMAIL = "push-admin@example.com";
let server: RunningServer;
let service: TestWebPushService;
const tls = testTls();

beforeAll(async () => {
  service = await TestWebPushService.start(tls);
  server = await startServer({
    env: { NODE_EXTRA_CA_CERTS: tls.caFile },
    config: {
      rate_limits: GENEROUS_RATE_LIMITS,
      admin: { grant_email: ROOT_EMAIL },
      push: {
        coalesce_seconds: COALESCE_SECONDS,
        retry_base_seconds: 0.2,
        timeout_seconds: 1,
      },
    },
  });
  const key = await request<{ public_key: string }>(server.url, "GET", "/push/vapid_public_key");
  expect(key.status).toBe(200);
  service.expectedKey = key.body.public_key;
});

afterAll(async () => {
  await server.stop();
  server.cleanup();
  await service.stop();
  tls.cleanup();
});

describe("registering a device for WebPush", () => {
  test("the target is the device's until replaced or removed; bad targets get clear 400s", async () => {
    const [a] = await matchedPair(server);
    const api = as(server, a);
    expect((await api.get("/account/push_target")).body).toEqual({ target: null });
    const first = service.subscribe();
    await registerTarget(server, a, first);
    // Over the WebSocket: the same route, as a request frame.
    const second = service.subscribe();
    const overWs = await wsRequest(a.ws, "account.push_target.set", second);
    expect(overWs).toMatchObject({ status: 200, body: { target: second } });
    expect((await api.get("/account/push_target")).body).toEqual({ target: second });
    const bad = [
      { provider: "webpush", endpoint: second.endpoint, keys: { p256dh: "short", auth: second.keys.auth } },
      { provider: "webpush", endpoint: "ftp://x", keys: second.keys },
      { provider: "webpush", endpoint: second.endpoint.replace("https:", "http:"), keys: second.keys },
      { provider: "carrier-pigeon", token: "abcdefabcdefabcdef" },
      { provider: "apns", token: "not hex" },
      { ...second, extra: true },
    ];
    for (const target of bad)
      expectError(await api.put("/account/push_target", target), 400, "validation_failed");
    const fcm = await api.put("/account/push_target", { provider: "fcm", token: "a".repeat(40) });
    expectError(fcm, 409, "push_provider_disabled");
    expect((await api.get("/account/push_target")).body).toEqual({ target: second });
    expect((await api.delete("/account/push_target")).body).toEqual({ ok: true });
    expect((await api.get("/account/push_target")).body).toEqual({ target: null });
  });

  test("notification settings default to everything on and are stored whole", async () => {
    const [a] = await matchedPair(server);
    const api = as(server, a);
    const defaults = await api.get("/account/notification_settings");
    expect(defaults.body).toEqual({
      kinds: {
        messages: true,
        likes: true,
        matches: true,
        moderation: true,
        news: true,
        automatic_search: true,
      },
      quiet_hours: null,
      email_reminders: true,
    });
    const changed = {
      kinds: { messages: true, likes: false, matches: true, moderation: false, news: false },
      quiet_hours: { start: "22:30", end: "07:00", utc_offset_minutes: 120 },
      email_reminders: false,
    };
    expect((await api.put("/account/notification_settings", changed)).body).toEqual(changed);
    expect((await api.get("/account/notification_settings")).body).toEqual(changed);
    const bad = { ...changed, quiet_hours: { start: "25:00", end: "07:00", utc_offset_minutes: 0 } };
    expectError(await api.put("/account/notification_settings", bad), 400, "validation_failed");
  });
});

describe("WebPush delivery", () => {
  test("an offline device gets one encrypted push per coalescing window; an online one none", async () => {
    const [a, b] = await matchedPair(server);
    const subscription = service.subscribe();
    await registerTarget(server, b, subscription);
    // Online: the message arrives over the WebSocket, and no push goes out.
    await sendOk(server, a, b, "hello online");
    await nextMessage(b);
    await sleep(300);
    expect(service.receivedBy(subscription.endpoint)).toEqual([]);

    await goOffline(server, b, a);
    await sendOk(server, a, b, "one");
    await eventually(() => service.receivedBy(subscription.endpoint).length === 1, "the first push");
    await sendOk(server, a, b, "two");
    await sendOk(server, a, b, "three");
    await eventually(() => service.receivedBy(subscription.endpoint).length === 2, "the coalesced push");
    const pushes = service.receivedBy(subscription.endpoint);
    expect(pushes.map((push) => push.payload)).toEqual([
      { kind: "message", count: 1 },
      { kind: "message", count: 2 },
    ]);
    // Nothing private: the payload is kind and count only; urgency high for messages.
    expect(pushes[0]).toMatchObject({ urgency: "high", topic: "message" });
    expect(pushes[0]?.ttl).toBeGreaterThan(0);
    await sleep(COALESCE_SECONDS * 1000 + 300);
    expect(service.receivedBy(subscription.endpoint)).toHaveLength(2);
    expect(service.refusals).toEqual([]);
  });

  test("a device that reconnects clears what was pending for it", async () => {
    const [a, b] = await matchedPair(server);
    const subscription = service.subscribe();
    await registerTarget(server, b, subscription);
    await goOffline(server, b, a);
    await sendOk(server, a, b, "one");
    await eventually(() => service.receivedBy(subscription.endpoint).length === 1, "the first push");
    await sendOk(server, a, b, "two");
    await reconnect(server, b);
    await sleep(COALESCE_SECONDS * 1000 + 500);
    expect(service.receivedBy(subscription.endpoint)).toHaveLength(1);
  });

  test("a like pushes `like`; a kind switched off (messages) does not push", async () => {
    const [a] = await matchedPair(server);
    const [c, d] = await matchedPair(server);
    const subscription = service.subscribe();
    await registerTarget(server, d, subscription);
    const settings = (await as(server, d).get("/account/notification_settings")).body as {
      kinds: Record<string, boolean>;
    };
    await as(server, d).put("/account/notification_settings", {
      ...settings,
      kinds: { ...settings.kinds, messages: false },
    });
    await goOffline(server, d, c);
    await sendOk(server, c, d, "not pushed");
    expect((await as(server, a).post("/chat/like", { account_id: d.accountId })).status).toBe(200);
    await eventually(() => service.receivedBy(subscription.endpoint).length === 1, "the like push");
    await sleep(500);
    expect(service.receivedBy(subscription.endpoint).map((push) => push.payload)).toEqual([
      { kind: "like", count: 1 },
    ]);
  });

  test("a dead subscription (410) is removed; a throttled one is retried after Retry-After", async () => {
    const [a, b] = await matchedPair(server);
    const subscription = service.subscribe();
    await registerTarget(server, b, subscription);
    await goOffline(server, b, a);
    service.answer = "throttle";
    service.retryAfterSeconds = 1;
    const before = service.attempts;
    await sendOk(server, a, b, "throttled");
    await eventually(() => service.attempts > before, "the first attempt");
    const throttledAt = Date.now();
    service.answer = "accept";
    await eventually(() => service.receivedBy(subscription.endpoint).length === 1, "the retried push");
    expect(Date.now() - throttledAt).toBeGreaterThanOrEqual(800);

    service.answer = "gone";
    const [c, d] = await matchedPair(server);
    const gone = service.subscribe();
    await registerTarget(server, d, gone);
    await goOffline(server, d, c);
    const attempts = service.attempts;
    await sendOk(server, c, d, "to a gone subscription");
    await eventually(() => service.attempts > attempts, "the attempt");
    service.answer = "accept";
    await reconnect(server, d);
    let target = await as(server, d).get("/account/push_target");
    for (let i = 0; i < 100 && target.body.target !== null; i++) {
      await sleep(20);
      target = await as(server, d).get("/account/push_target");
    }
    expect(target.body).toEqual({ target: null });
  });
});

test("a push service that does not answer times out, and the push is retried", async () => {
  const [a, b] = await matchedPair(server);
  const subscription = service.subscribe();
  await registerTarget(server, b, subscription);
  await goOffline(server, b, a);
  service.answer = "hang";
  const before = service.attempts;
  await sendOk(server, a, b, "into the void");
  await eventually(() => service.attempts > before, "the hanging attempt");
  await sleep(300);
  service.answer = "accept";
  await eventually(() => service.receivedBy(subscription.endpoint).length === 1, "the retried push");
  expect(service.attempts).toBeGreaterThanOrEqual(before + 2);
});

describe("account pushes and quiet hours", () => {
  test("a ban pushes `account` even with every kind switched off", async () => {
    const root = await createProfileUser(server, { email: ROOT_EMAIL, name: "Root" });
    const [a, b] = await matchedPair(server);
    const subscription = service.subscribe();
    await registerTarget(server, b, subscription);
    await as(server, b).put("/account/notification_settings", {
      kinds: { messages: false, likes: false, matches: false, moderation: false, news: false },
      quiet_hours: null,
      email_reminders: false,
    });
    await goOffline(server, b, a);
    const banned = await as(server, root).post(`/admin/accounts/${b.accountId}/ban`, {
      reason: "spam",
      until: null,
    });
    expect(banned.status, JSON.stringify(banned.body)).toBe(200);
    await eventually(() => service.receivedBy(subscription.endpoint).length === 1, "the ban push");
    expect(service.receivedBy(subscription.endpoint)[0]?.payload).toEqual({ kind: "account", count: 1 });
  });

  test("quiet hours hold pushes back; they go out, gathered, when the quiet ends", async () => {
    const [a, b] = await matchedPair(server);
    const subscription = service.subscribe();
    await registerTarget(server, b, subscription);
    const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);
    const quiet = {
      start: hhmm(Date.now() - 3_600_000),
      end: hhmm(Date.now() + 3_600_000),
      utc_offset_minutes: 0,
    };
    const settings = {
      ...(await as(server, b).get("/account/notification_settings")).body,
      quiet_hours: quiet,
    };
    expect((await as(server, b).put("/account/notification_settings", settings)).status).toBe(200);
    await goOffline(server, b, a);
    await sendOk(server, a, b, "one");
    await sendOk(server, a, b, "two");
    await sleep(COALESCE_SECONDS * 1000 + 500);
    expect(service.receivedBy(subscription.endpoint)).toEqual([]);
    // The quiet ends (here: the user removes it, from another device of the account).
    const other = await connect(server, await login(server, b.email));
    expect(
      (await as(server, other).put("/account/notification_settings", { ...settings, quiet_hours: null }))
        .status,
    ).toBe(200);
    await eventually(() => service.receivedBy(subscription.endpoint).length === 1, "the held push");
    expect(service.receivedBy(subscription.endpoint)[0]?.payload).toEqual({ kind: "message", count: 2 });
  });
});
