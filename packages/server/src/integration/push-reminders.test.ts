import { afterAll, beforeAll, expect, test } from "vitest";
import { goOffline, like, matchedPair, reconnect, sendOk, createChatUser } from "../testing/chat-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { request } from "../testing/http-client.js";
import { as } from "../testing/profile-flow.js";
import { expectError } from "../testing/account-flow.js";
import { mailsTo } from "../testing/push/mail-folder.js";
import { registerTarget, sleep } from "../testing/push/push-flow.js";
import { testTls } from "../testing/push/test-ca.js";
import { TestWebPushService } from "../testing/push/test-webpush-service.js";
import { startServer, type RunningServer } from "../testing/spawn-server.js";

const DELAY_SECONDS = 3;
const DELAY_WITH_PUSH_SECONDS = 8;
const REMINDER_SUBJECT = "Someone is waiting for you on Venus";
let server: RunningServer;
let service: TestWebPushService;
const tls = testTls();

beforeAll(async () => {
  service = await TestWebPushService.start(tls);
  server = await startServer({
    env: { NODE_EXTRA_CA_CERTS: tls.caFile },
    config: {
      rate_limits: GENEROUS_RATE_LIMITS,
      push: {
        reminders: {
          delay_seconds: DELAY_SECONDS,
          delay_with_push_seconds: DELAY_WITH_PUSH_SECONDS,
          interval_seconds: 3600,
          check_seconds: 0.3,
        },
      },
    },
  });
  const key = await request<{ public_key: string }>(server.url, "GET", "/push/vapid_public_key");
  service.expectedKey = key.body.public_key;
});

afterAll(async () => {
  await server.stop();
  server.cleanup();
  await service.stop();
  tls.cleanup();
});

const reminders = async (email: string) =>
  (await mailsTo(server, email)).filter((mail) => mail.subject === REMINDER_SUBJECT);

/** Waits for the user's first reminder (failing after `ms`). */
async function firstReminder(email: string, ms = 20_000) {
  const until = Date.now() + ms;
  for (;;) {
    const [mail] = await reminders(email);
    if (mail) return mail;
    if (Date.now() > until) throw new Error(`no reminder to ${email}`);
    await sleep(200);
  }
}

test("an absent user with unseen messages and likes gets one reminder after the delay, then none within the interval", async () => {
  const [a, b] = await matchedPair(server);
  const liker = await createChatUser(server, { gender: "woman", wantedGenders: ["man"] });
  await goOffline(server, b, a);
  const sentAt = Date.now();
  await sendOk(server, a, b, "are you there?");
  expect((await like(server, liker, b)).status).toBe(200);
  expect(await reminders(b.email)).toEqual([]);
  const mail = await firstReminder(b.email);
  expect(Date.now() - sentAt).toBeGreaterThanOrEqual(DELAY_SECONDS * 1000);
  expect(mail.text).toContain("new messages: 1");
  expect(mail.text).toContain("new likes: 1");
  expect(mail.text).not.toContain("are you there?");
  // Within the interval: another message, past the delay again, and still one mail.
  await sendOk(server, a, b, "hello?");
  await sleep(DELAY_SECONDS * 1000 + 1500);
  expect(await reminders(b.email)).toHaveLength(1);
});

test("the one-click link switches reminders off; a wrong token gets a 400 page", async () => {
  const [a, b] = await matchedPair(server);
  await goOffline(server, b, a);
  await sendOk(server, a, b, "one");
  const mail = await firstReminder(b.email);
  const link = /(http:\/\/\S+\/push\/reminders\/unsubscribe\?token=\S+)/.exec(mail.text)?.[1];
  expect(link).toBeDefined();
  const url = new URL(link as string);
  const page = await request<string>(server.url, "GET", `${url.pathname}${url.search}`);
  expect(page.status).toBe(200);
  expect(String(page.body)).toContain("No more reminder emails");
  const wrong = await request<string>(server.url, "GET", "/push/reminders/unsubscribe?token=guess");
  expect(wrong.status).toBe(400);
  await reconnect(server, b);
  const settings = await as(server, b).get("/account/notification_settings");
  expect(settings.body).toMatchObject({ email_reminders: false });
});

test("no reminder for a user who came back, nor for one who switched them off", async () => {
  const [a, b] = await matchedPair(server);
  const [c, d] = await matchedPair(server);
  const off = await as(server, d).put("/account/notification_settings", {
    kinds: { messages: true, likes: true, matches: true, moderation: true, news: true },
    quiet_hours: null,
    email_reminders: false,
  });
  expect(off.status).toBe(200);
  await goOffline(server, b, a);
  await goOffline(server, d, c);
  await sendOk(server, a, b, "you will see this");
  await sendOk(server, c, d, "no mail for this");
  // b comes back (and leaves again) before the delay has passed.
  await reconnect(server, b);
  await goOffline(server, b, a);
  // A control user, absent all along, is reminded: the checks ran meanwhile.
  const [e, f] = await matchedPair(server);
  await goOffline(server, f, e);
  await sendOk(server, e, f, "control");
  await firstReminder(f.email);
  await sleep(500);
  expect(await reminders(b.email)).toEqual([]);
  expect(await reminders(d.email)).toEqual([]);
});

test("an account with a push target is reminded after the longer delay", async () => {
  const [a, b] = await matchedPair(server);
  await registerTarget(server, b, service.subscribe());
  const [e, f] = await matchedPair(server);
  await goOffline(server, b, a);
  await goOffline(server, f, e);
  const sentAt = Date.now();
  await sendOk(server, a, b, "pushed, then mailed");
  await sendOk(server, e, f, "mailed sooner");
  await firstReminder(f.email);
  expect(await reminders(b.email)).toEqual([]);
  await firstReminder(b.email);
  expect(Date.now() - sentAt).toBeGreaterThanOrEqual(DELAY_WITH_PUSH_SECONDS * 1000);
});

test("an account with language fi gets the Finnish reminder; the language is checked and in the state", async () => {
  const [a, b] = await matchedPair(server);
  const api = as(server, b);
  for (const language of ["de", "EN", "finnish", 7])
    expectError(await api.put("/account/language", { language }), 400, "validation_failed");
  expect((await api.get("/account/state")).body).not.toHaveProperty("language");
  const set = await api.put("/account/language", { language: "fi" });
  expect(set.status, JSON.stringify(set.body)).toBe(200);
  expect(set.body).toMatchObject({ state: "normal", language: "fi" });
  expect((await api.get("/account/state")).body).toMatchObject({ language: "fi" });
  await goOffline(server, b, a);
  await sendOk(server, a, b, "hei?");
  const finnish = "Sinua odotetaan Venus-palvelussa";
  const isReminder = (mail: { subject: string }) => [REMINDER_SUBJECT, finnish].includes(mail.subject);
  const until = Date.now() + 20_000;
  let mails = (await mailsTo(server, b.email)).filter(isReminder);
  while (mails.length === 0 && Date.now() < until) {
    await sleep(200);
    mails = (await mailsTo(server, b.email)).filter(isReminder);
  }
  expect(mails.map((mail) => mail.subject)).toEqual([finnish]);
  expect(mails[0]?.text).toContain("uusia viestejä: 1");
});
