import { afterAll, beforeAll, expect, test } from "vitest";
import { createChatUser, goOffline, like, matchedPair, sendOk } from "../testing/chat-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { request } from "../testing/http-client.js";
import { as, createProfileUser, type ProfileUser } from "../testing/profile-flow.js";
import { eventually, registerTarget, sleep } from "../testing/push/push-flow.js";
import { testTls } from "../testing/push/test-ca.js";
import { TestWebPushService } from "../testing/push/test-webpush-service.js";
import { startServer, type RunningServer } from "../testing/spawn-server.js";

// push.include_names on: message, like and match pushes name the other person (docs/push.md).
// With it off (push-webpush.test.ts) the decrypted payloads are exactly kind and count.
const COALESCE_SECONDS = 1.5;
const ROOT_EMAIL = "names-admin@example.com";
let server: RunningServer;
let service: TestWebPushService;
let root: ProfileUser;
const tls = testTls();

beforeAll(async () => {
  service = await TestWebPushService.start(tls);
  server = await startServer({
    env: { NODE_EXTRA_CA_CERTS: tls.caFile },
    config: {
      rate_limits: GENEROUS_RATE_LIMITS,
      admin: { grant_email: ROOT_EMAIL },
      push: { coalesce_seconds: COALESCE_SECONDS, include_names: true },
    },
  });
  const key = await request<{ public_key: string }>(server.url, "GET", "/push/vapid_public_key");
  service.expectedKey = key.body.public_key;
  root = await createProfileUser(server, { email: ROOT_EMAIL, name: "Root" });
});

afterAll(async () => {
  await server.stop();
  server.cleanup();
  await service.stop();
  tls.cleanup();
});

async function acceptName(user: ProfileUser): Promise<void> {
  const body = { account_id: user.accountId, field: "name", accept: true };
  const decided = await as(server, root).post("/admin/profile/moderation", body);
  expect(decided.status, JSON.stringify(decided.body)).toBe(200);
}

test("a message push names its sender once the name is accepted; a pending name is not sent", async () => {
  const [a, b] = await matchedPair(server);
  const subscription = service.subscribe();
  await registerTarget(server, b, subscription);
  await goOffline(server, b, a);
  await sendOk(server, a, b, "pending name");
  await eventually(() => service.receivedBy(subscription.endpoint).length === 1, "the first push");
  await sleep(COALESCE_SECONDS * 1000 + 200);
  await acceptName(a);
  await sendOk(server, a, b, "accepted name");
  await eventually(() => service.receivedBy(subscription.endpoint).length === 2, "the second push");
  expect(service.receivedBy(subscription.endpoint).map((push) => push.payload)).toEqual([
    { kind: "message", count: 1 },
    { kind: "message", count: 1, name: "Alex" },
  ]);
});

test("likes gathered into one push carry the count and the latest liker's name", async () => {
  const [, b] = await matchedPair(server);
  const named = (name: string) => createChatUser(server, { name });
  const [x, y, z] = [await named("Xena"), await named("Yara"), await named("Zoe")];
  for (const liker of [x, y, z]) await acceptName(liker);
  const subscription = service.subscribe();
  await registerTarget(server, b, subscription);
  await goOffline(server, b, x);
  expect((await like(server, x, b)).status).toBe(200);
  await eventually(() => service.receivedBy(subscription.endpoint).length === 1, "the first like push");
  expect((await like(server, y, b)).status).toBe(200);
  expect((await like(server, z, b)).status).toBe(200);
  await eventually(() => service.receivedBy(subscription.endpoint).length === 2, "the gathered push");
  expect(service.receivedBy(subscription.endpoint).map((push) => push.payload)).toEqual([
    { kind: "like", count: 1, name: "Xena" },
    { kind: "like", count: 2, name: "Zoe" },
  ]);
  expect(service.refusals).toEqual([]);
});
