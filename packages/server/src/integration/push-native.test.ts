import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { ChatUser } from "../testing/chat-flow.js";
import { goOffline, matchedPair, reconnect, sendOk } from "../testing/chat-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { as } from "../testing/profile-flow.js";
import { eventually, registerTarget, sleep } from "../testing/push/push-flow.js";
import { testTls } from "../testing/push/test-ca.js";
import { APNS_KEY_ID, APNS_TEAM_ID, APNS_TOPIC, TestApnsService } from "../testing/push/test-apns-service.js";
import { TestFcmService } from "../testing/push/test-fcm-service.js";
import { newDataDir, startServer, type RunningServer } from "../testing/spawn-server.js";

const tls = testTls();
const keysDir = newDataDir();
let fcm: TestFcmService;
let apns: TestApnsService;
let server: RunningServer;

const pushConfig = () => ({
  retry_base_seconds: 0.2,
  fcm: {
    enabled: true,
    service_account_file: fcm.serviceAccountFile(keysDir),
    token_url: fcm.tokenUrl,
    api_url: fcm.origin,
  },
  apns: {
    enabled: true,
    key_file: apns.keyFile(keysDir),
    key_id: APNS_KEY_ID,
    team_id: APNS_TEAM_ID,
    topic: APNS_TOPIC,
    url: apns.url,
    ca_file: tls.caFile,
  },
});

beforeAll(async () => {
  fcm = await TestFcmService.start();
  apns = await TestApnsService.start(tls);
  server = await startServer({ config: { rate_limits: GENEROUS_RATE_LIMITS, push: pushConfig() } });
});

afterAll(async () => {
  await server.stop();
  server.cleanup();
  await Promise.all([fcm.stop(), apns.stop()]);
  tls.cleanup();
});

const fcmToken = () => `fcm-${randomBytes(24).toString("base64url")}:APA91b`;
const apnsToken = () => randomBytes(32).toString("hex");

async function offlineWithTarget(target: object): Promise<[ChatUser, ChatUser]> {
  const [a, b] = await matchedPair(server);
  await registerTarget(server, b, target);
  await goOffline(server, b, a);
  return [a, b];
}

async function expectTargetRemoved(user: ChatUser): Promise<void> {
  await reconnect(server, user);
  for (let i = 0; i < 100; i++) {
    if ((await as(server, user).get("/account/push_target")).body.target === null) return;
    await sleep(20);
  }
  throw new Error("the dead target was not removed");
}

describe("FCM HTTP v1", () => {
  test("an offline device gets a data-only message with a bearer from a verified service-account JWT", async () => {
    const token = fcmToken();
    const [a, b] = await offlineWithTarget({ provider: "fcm", token });
    await sendOk(server, a, b, "hello");
    await eventually(() => fcm.receivedBy(token).length === 1, "the FCM message");
    const [message] = fcm.receivedBy(token);
    expect(message?.data).toEqual({ kind: "message", count: "1" });
    expect(message?.android).toMatchObject({ priority: "high", collapse_key: "message" });
    expect(message?.android.ttl).toMatch(/^\d+s$/);
    // The access token is cached: a second push asks for none.
    const [c, d] = await offlineWithTarget({ provider: "fcm", token: fcmToken() });
    await sendOk(server, c, d, "again");
    await eventually(() => fcm.received.length === 2, "the second message");
    expect(fcm.tokensIssued).toBe(1);
    expect(fcm.refusals).toEqual([]);
  });

  test("UNREGISTERED removes the target; a 500 is retried", async () => {
    fcm.answer = "fail";
    const token = fcmToken();
    const [a, b] = await offlineWithTarget({ provider: "fcm", token });
    const before = fcm.attempts;
    await sendOk(server, a, b, "during an outage");
    await eventually(() => fcm.attempts >= before + 2, "two failed attempts");
    fcm.answer = "accept";
    await eventually(() => fcm.receivedBy(token).length === 1, "the retried message");

    fcm.answer = "gone";
    const [c, d] = await offlineWithTarget({ provider: "fcm", token: fcmToken() });
    const attempts = fcm.attempts;
    await sendOk(server, c, d, "to a gone token");
    await eventually(() => fcm.attempts > attempts, "the attempt");
    fcm.answer = "accept";
    await expectTargetRemoved(d);
  });
});

describe("APNs", () => {
  test("an offline device gets an alert over HTTP/2 with a verified ES256 provider token and headers", async () => {
    const token = apnsToken();
    const [a, b] = await offlineWithTarget({ provider: "apns", token });
    await sendOk(server, a, b, "hello");
    await eventually(() => apns.receivedBy(token).length === 1, "the APNs push");
    const [push] = apns.receivedBy(token);
    expect(push?.payload).toMatchObject({ kind: "message", count: 1 });
    expect(push?.headers).toMatchObject({
      "apns-topic": APNS_TOPIC,
      "apns-push-type": "alert",
      "apns-priority": "10",
      "apns-collapse-id": "message",
    });
    expect(apns.refusals).toEqual([]);
  });

  test("410 Unregistered removes the target; 429 is retried", async () => {
    apns.answer = "throttle";
    const token = apnsToken();
    const [a, b] = await offlineWithTarget({ provider: "apns", token });
    const before = apns.attempts;
    await sendOk(server, a, b, "throttled");
    await eventually(() => apns.attempts > before, "the throttled attempt");
    apns.answer = "accept";
    await eventually(() => apns.receivedBy(token).length === 1, "the retried push");

    apns.answer = "gone";
    const [c, d] = await offlineWithTarget({ provider: "apns", token: apnsToken() });
    const attempts = apns.attempts;
    await sendOk(server, c, d, "to a gone token");
    await eventually(() => apns.attempts > attempts, "the attempt");
    apns.answer = "accept";
    await expectTargetRemoved(d);
  });
});

describe("a misconfigured provider", () => {
  const refused = async (push: object) => {
    const error = await startServer({ config: { push } }).then(
      () => new Error("started"),
      (failure: Error) => failure,
    );
    return error.message;
  };

  test("stops the start with exit 2, naming the key", async () => {
    const noFile = await refused({ fcm: { enabled: true } });
    expect(noFile).toMatch(/server exited \(2\)/);
    expect(noFile).toContain("/push/fcm/service_account_file");
    const badKeyId = await refused({ apns: { ...pushConfig().apns, key_id: "short" } });
    expect(badKeyId).toMatch(/server exited \(2\)/);
    expect(badKeyId).toContain("/push/apns/key_id");
  });
});
