import { afterAll, beforeAll, expect, test } from "vitest";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { request } from "../testing/http-client.js";
import { as, createProfileUser } from "../testing/profile-flow.js";
import { eventually, registerTarget, sleep } from "../testing/push/push-flow.js";
import { testTls } from "../testing/push/test-ca.js";
import { TestWebPushService } from "../testing/push/test-webpush-service.js";
import { PASSWORD } from "../testing/sign-in.js";
import { startServer, type RunningServer } from "../testing/spawn-server.js";

// A 60-second deletion wait, the reminder 54 seconds before the deletion: due 6 s after the request.
const WAIT_SECONDS = 60;
const REMINDER_SECONDS = 54;
const tls = testTls();
let service: TestWebPushService;
const servers: RunningServer[] = [];

const options = (push: object, dataDir?: string) => ({
  env: { NODE_EXTRA_CA_CERTS: tls.caFile },
  config: {
    rate_limits: GENEROUS_RATE_LIMITS,
    account: { deletion_wait_days: WAIT_SECONDS / 86_400 },
    push: { reminders: { check_seconds: 0.5 }, ...push },
  },
  ...(dataDir === undefined ? {} : { dataDir }),
});

beforeAll(async () => {
  service = await TestWebPushService.start(tls);
});

afterAll(async () => {
  for (const server of servers) {
    await server.stop();
    server.cleanup();
  }
  await service.stop();
  tls.cleanup();
});

test("an account waiting for deletion gets one reminder push before it, and not again after a restart", async () => {
  let server = await startServer(options({ deletion_reminder_seconds: REMINDER_SECONDS }));
  servers.push(server);
  const key = await request<{ public_key: string }>(server.url, "GET", "/push/vapid_public_key");
  service.expectedKey = key.body.public_key;
  const user = await createProfileUser(server);
  const subscription = service.subscribe();
  await registerTarget(server, user, subscription);
  // No kind switch governs it: the user must learn that the account is about to go.
  const off = { messages: false, likes: false, matches: false, moderation: false, news: false };
  const settings = { kinds: off, quiet_hours: null, email_reminders: false };
  expect((await as(server, user).put("/account/notification_settings", settings)).status).toBe(200);
  const asked = await as(server, user).post("/account/delete", { password: PASSWORD });
  expect(asked.status, JSON.stringify(asked.body)).toBe(200);
  user.ws.close();
  await user.ws.closed;
  await sleep(2000);
  expect(service.receivedBy(subscription.endpoint)).toEqual([]);
  await eventually(() => service.receivedBy(subscription.endpoint).length === 1, "the reminder", 20_000);
  expect(service.receivedBy(subscription.endpoint)[0]?.payload).toEqual({
    kind: "account_deletion_reminder",
    count: 1,
  });

  // Still inside the reminder window after the restart: the mark in account.sqlite keeps it at one.
  await server.stop();
  server = await startServer(options({ deletion_reminder_seconds: REMINDER_SECONDS }, server.dataDir));
  servers.push(server);
  await sleep(2500);
  expect(service.receivedBy(subscription.endpoint)).toHaveLength(1);
  expect(service.refusals).toEqual([]);
}, 90_000);

test("a reminder not shorter than the deletion wait stops the start with exit 2, naming the key", async () => {
  const error = await startServer(options({ deletion_reminder_seconds: WAIT_SECONDS })).then(
    (server) => {
      servers.push(server);
      return new Error("started");
    },
    (failure: Error) => failure,
  );
  expect(error.message).toMatch(/server exited \(2\)/);
  expect(error.message).toContain("push.deletion_reminder_seconds");
});
