import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { DevicesResponse } from "@venus/model";
import { matchedPair, sendOk, type ChatUser } from "../testing/chat-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { as } from "../testing/profile-flow.js";
import { registerTarget, sleep } from "../testing/push/push-flow.js";
import { testTls } from "../testing/push/test-ca.js";
import { TestWebPushService } from "../testing/push/test-webpush-service.js";
import { connect, login, PASSWORD } from "../testing/sign-in.js";
import { request } from "../testing/http-client.js";
import { startServer, type RunningServer } from "../testing/spawn-server.js";

const COALESCE_SECONDS = 0.5;
let server: RunningServer;
let service: TestWebPushService;
const tls = testTls();

beforeAll(async () => {
  service = await TestWebPushService.start(tls);
  server = await startServer({
    env: { NODE_EXTRA_CA_CERTS: tls.caFile },
    config: { rate_limits: GENEROUS_RATE_LIMITS, push: { coalesce_seconds: COALESCE_SECONDS } },
  });
  const key = await request(server.url, "GET", "/push/vapid_public_key");
  service.expectedKey = (key.body as { public_key: string }).public_key;
});

afterAll(async () => {
  await server.stop();
  server.cleanup();
  await service.stop();
  tls.cleanup();
});

/** The account's rows in push.sqlite's push_targets, read from the live file. */
function storedTargets(accountId: string): { session_id: string }[] {
  const db = new BetterSqlite3(join(server.dataDir, "data", "push.sqlite"), { readonly: true });
  try {
    return db.prepare("SELECT session_id FROM push_targets WHERE account_id = ?").all(accountId) as {
      session_id: string;
    }[];
  } finally {
    db.close();
  }
}

/** A second device of the user's account, connected. */
async function secondDevice(user: ChatUser): Promise<ChatUser> {
  return { ...user, ...(await connect(server, await login(server, user.email))) };
}

/** Once the device's session ended, its target is gone from the database and no push goes to it. */
async function expectNoTarget(sender: ChatUser, device: ChatUser, endpoint: string): Promise<void> {
  expect(storedTargets(device.accountId)).toEqual([]);
  await sendOk(server, sender, device, "after the session ended");
  await sleep(COALESCE_SECONDS * 1000 + 800);
  expect(service.receivedBy(endpoint)).toEqual([]);
}

test("logout removes the device's push target at once; no push goes to it", async () => {
  const [a, b] = await matchedPair(server);
  const subscription = service.subscribe();
  await registerTarget(server, b, subscription);
  expect(storedTargets(b.accountId)).toHaveLength(1);
  // Signed-in calls need the device's WebSocket; logging out closes it.
  expect((await as(server, b).post("/account/logout", {})).status).toBe(200);
  await expectNoTarget(a, b, subscription.endpoint);
});

test("a device signed out from another one loses its target at once", async () => {
  const [a, b] = await matchedPair(server);
  const subscription = service.subscribe();
  await registerTarget(server, b, subscription);
  const other = await secondDevice(b);
  const devices = (await as(server, other).get("/account/devices")).body as DevicesResponse;
  const device = devices.devices.find((candidate) => !candidate.current);
  expect(device).toBeDefined();
  const signedOut = await as(server, other).delete(`/account/devices/${device?.id}`);
  expect(signedOut.status, JSON.stringify(signedOut.body)).toBe(200);
  expect((await as(server, other).get("/account/push_target")).body).toEqual({ target: null });
  other.ws.close();
  await expectNoTarget(a, b, subscription.endpoint);
});

test("a password change that ends the other sessions removes their targets", async () => {
  const [a, b] = await matchedPair(server);
  const subscription = service.subscribe();
  await registerTarget(server, b, subscription);
  const other = await secondDevice(b);
  const changed = await as(server, other).post("/account/password", {
    current_password: PASSWORD,
    new_password: `${PASSWORD} again`,
    end_other_sessions: true,
  });
  expect(changed.status, JSON.stringify(changed.body)).toBe(200);
  other.ws.close();
  await expectNoTarget(a, b, subscription.endpoint);
});
