import { refusal, VenusClient } from "@venus/bot-client";
import type { CustomEmailResponse } from "@venus/model";
import { startSmtpSink, type SmtpSink } from "@venus/simple-backend/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { PASSWORD, signUpAndSetUp, uniqueEmail } from "../scenarios/steps/people.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { codeIn, expectMail, requestCode, smtpTo, verifyCode } from "../testing/email-flow.js";
import { request } from "../testing/http-client.js";
import { newDataDir, startServer, type RunningServer } from "../testing/spawn-server.js";

const ROOT_EMAIL = "mail-root@example.com";
let sink: SmtpSink;
let server: RunningServer;
let root: VenusClient;
const dataDir = newDataDir();
const start = () =>
  startServer({
    dataDir,
    config: {
      admin: { grant_email: ROOT_EMAIL },
      rate_limits: GENEROUS_RATE_LIMITS,
      email: smtpTo(sink.port),
      custom_email: { to_one_per_hour: 2, to_all_min_interval_hours: 1 },
    },
  });

/** An account whose address is verified (made by an email sign-in code): its id. */
async function verifiedAccount(email: string): Promise<string> {
  const mail = expectMail(sink, email, /code/);
  const asked = await requestCode(server, email);
  const signedIn = await verifyCode(server, asked.body.client_token, codeIn(await mail));
  expect(signedIn.status).toBe(200);
  return (signedIn.body as unknown as { account_id: string }).account_id;
}

const send = (body: unknown) => root.http.post<CustomEmailResponse>("/admin/email", body);

beforeAll(async () => {
  sink = await startSmtpSink();
  server = await start();
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
  await server?.stop();
  await sink?.close();
  server?.cleanup();
});

describe("custom email", () => {
  const [alice, bob] = [uniqueEmail("alice"), uniqueEmail("bob")];
  let aliceId = "";
  let bobId = "";

  test("to one account: through the outbox with an unsubscribe link that works; then refused for that account", async () => {
    [aliceId, bobId] = [await verifiedAccount(alice), await verifiedAccount(bob)];
    const mail = expectMail(sink, alice, /^Your profile$/);
    expect(await send({ to: { account_id: aliceId }, subject: "Your profile", text: "Hello Alice" })).toEqual(
      {
        queued: 1,
      },
    );
    const received = await mail;
    expect(received.text).toContain("Hello Alice");
    const link = /(http\S+\/account\/unsubscribe\?token=\S+)/.exec(received.text)?.[1] ?? "";
    const url = new URL(link);
    expect((await request(server.url, "GET", `${url.pathname}${url.search}`)).status).toBe(200);
    await refusal(send({ to: { account_id: aliceId }, subject: "Again", text: "x" }), "email_unsubscribed");
    expect((await request(server.url, "GET", "/account/unsubscribe?token=nonsense")).status).toBe(404);
    // Root registered with a password and never verified its address.
    await refusal(send({ to: { account_id: root.accountId }, subject: "s", text: "t" }), "invalid_state");
  });

  test("mails to single accounts are limited per admin per hour", async () => {
    expect((await send({ to: { account_id: bobId }, subject: "Second", text: "t" })).queued).toBe(1);
    const limited = await refusal(
      send({ to: { account_id: bobId }, subject: "Third", text: "t" }),
      "rate_limited",
    );
    expect(limited.status).toBe(429);
  });

  test("to all: every verified account that has not unsubscribed; at most one per interval, across a restart", async () => {
    const mail = expectMail(sink, bob, /^News for all$/);
    expect(await send({ to: "all", subject: "News for all", text: "Hi all" })).toEqual({ queued: 1 });
    expect((await mail).text).toContain("Hi all");
    expect(sink.mails.filter((m) => m.to.includes(alice) && m.subject === "News for all")).toEqual([]);
    const soon = await refusal(send({ to: "all", subject: "Again", text: "t" }), "email_to_all_too_soon");
    expect(soon.details).toMatchObject({ retry_after_seconds: expect.any(Number) as number });
    const wait = (soon.details as { retry_after_seconds: number }).retry_after_seconds;
    expect(wait).toBeGreaterThan(3500);
    expect(wait).toBeLessThanOrEqual(3600);
    await root.close();
    await server.stop();
    server = await start();
    root = await VenusClient.signIn(server.url, ROOT_EMAIL, PASSWORD);
    await refusal(send({ to: "all", subject: "After restart", text: "t" }), "email_to_all_too_soon");
  });

  test("only email_users sends; a text over custom_email.max_text_chars is 400", async () => {
    const plain = await VenusClient.signUp(server.url, uniqueEmail("plain"), PASSWORD);
    await refusal(plain.http.post("/admin/email", { to: "all", subject: "s", text: "t" }), "forbidden");
    await plain.close();
    await refusal(
      send({ to: { account_id: bobId }, subject: "s", text: "x".repeat(20001) }),
      "validation_failed",
    );
  });
});
