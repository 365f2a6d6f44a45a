import { afterAll, expect, test } from "vitest";
import { goOffline, matchedPair, sendOk } from "../testing/chat-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { request } from "../testing/http-client.js";
import { eventually, registerTarget, sleep } from "../testing/push/push-flow.js";
import { testTls } from "../testing/push/test-ca.js";
import { TestWebPushService } from "../testing/push/test-webpush-service.js";
import { startServer, type RunningServer } from "../testing/spawn-server.js";

const tls = testTls();
const cleanups: (() => unknown)[] = [() => tls.cleanup()];

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const options = (dataDir?: string) => ({
  env: { NODE_EXTRA_CA_CERTS: tls.caFile },
  config: { rate_limits: GENEROUS_RATE_LIMITS, push: { retry_base_seconds: 0.5, retry_max_seconds: 1 } },
  ...(dataDir === undefined ? {} : { dataDir }),
});

test("a queued push survives kill -9 and is sent once after the restart", async () => {
  const service = await TestWebPushService.start(tls);
  cleanups.push(() => service.stop());
  let server: RunningServer = await startServer(options());
  cleanups.push(() => server.cleanup());
  const key = await request<{ public_key: string }>(server.url, "GET", "/push/vapid_public_key");
  service.expectedKey = key.body.public_key;
  const [a, b] = await matchedPair(server);
  const subscription = service.subscribe();
  await registerTarget(server, b, subscription);
  await goOffline(server, b, a);
  service.answer = "fail";
  await sendOk(server, a, b, "while the push service is down");
  await eventually(() => service.attempts >= 2, "two failed attempts");
  a.ws.close();
  expect(await server.stop("SIGKILL")).toBe("SIGKILL");

  service.answer = "accept";
  server = await startServer(options(server.dataDir));
  cleanups.push(() => server.stop());
  await eventually(() => service.receivedBy(subscription.endpoint).length === 1, "the push after restart");
  expect(service.receivedBy(subscription.endpoint)[0]?.payload).toEqual({ kind: "message", count: 1 });
  // The same VAPID key after the restart (push-vapid.json), and the push is not sent again.
  const again = await request<{ public_key: string }>(server.url, "GET", "/push/vapid_public_key");
  expect(again.body.public_key).toBe(key.body.public_key);
  await sleep(1500);
  expect(service.receivedBy(subscription.endpoint)).toHaveLength(1);
  expect(service.refusals).toEqual([]);
});
