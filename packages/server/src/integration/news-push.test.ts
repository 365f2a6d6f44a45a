import type { VenusClient } from "@venus/bot-client";
import type { AdminNewsItem } from "@venus/model";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { signUpAndSetUp } from "../scenarios/steps/people.js";
import { createChatUser } from "../testing/chat-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { request } from "../testing/http-client.js";
import { as } from "../testing/profile-flow.js";
import { eventually, registerTarget, sleep } from "../testing/push/push-flow.js";
import { testTls } from "../testing/push/test-ca.js";
import { TestWebPushService } from "../testing/push/test-webpush-service.js";
import { startServer, type RunningServer } from "../testing/spawn-server.js";

const ROOT_EMAIL = "news-push-root@example.com";
let server: RunningServer;
let service: TestWebPushService;
let root: VenusClient;
const tls = testTls();

beforeAll(async () => {
  service = await TestWebPushService.start(tls);
  server = await startServer({
    env: { NODE_EXTRA_CA_CERTS: tls.caFile },
    config: {
      admin: { grant_email: ROOT_EMAIL },
      rate_limits: GENEROUS_RATE_LIMITS,
      push: { retry_base_seconds: 0.2 },
    },
  });
  service.expectedKey = (
    await request<{ public_key: string }>(server.url, "GET", "/push/vapid_public_key")
  ).body.public_key;
  root = (
    await signUpAndSetUp(server.url, {
      name: "Root",
      gender: "man",
      lookingFor: ["woman"],
      email: ROOT_EMAIL,
    })
  ).client;
});

afterAll(async () => {
  await root?.close();
  await server.stop();
  server.cleanup();
  await service.stop();
  tls.cleanup();
});

describe("news pushes", () => {
  test("publishing pushes news to offline devices that keep news on; not to those that switched it off", async () => {
    const [wants, declines] = [await createChatUser(server), await createChatUser(server)];
    const [wanted, declined] = [service.subscribe(), service.subscribe()];
    await registerTarget(server, wants, wanted);
    await registerTarget(server, declines, declined);
    const settings = (await as(server, declines).get("/account/notification_settings")).body as {
      kinds: Record<string, boolean>;
    };
    const off = { ...settings, kinds: { ...settings.kinds, news: false } };
    expect((await as(server, declines).put("/account/notification_settings", off)).status).toBe(200);
    wants.ws.close();
    declines.ws.close();
    await sleep(300);
    const draft = await root.http.post<AdminNewsItem>("/admin/news", {
      default_language: "en",
      translations: { en: { title: "New feature", body: "…" } },
    });
    await sleep(300);
    expect(service.receivedBy(wanted.endpoint)).toEqual([]);
    await root.http.post(`/admin/news/${draft.id}/publish`);
    await eventually(() => service.receivedBy(wanted.endpoint).length === 1, "the news push");
    expect(service.receivedBy(wanted.endpoint)[0]?.payload).toEqual({ kind: "news", count: 1 });
    await sleep(500);
    expect(service.receivedBy(declined.endpoint)).toEqual([]);
    expect(service.refusals).toEqual([]);
  });
});
