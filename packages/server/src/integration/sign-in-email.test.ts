import { startSmtpSink, type SmtpSink } from "@venus/simple-backend/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { expectError } from "../testing/account-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import {
  codeIn,
  expectMail,
  linkIn,
  requestCode,
  smtpTo,
  verifyCode,
  wrongCode,
} from "../testing/email-flow.js";
import { request } from "../testing/http-client.js";
import { connect, login, PASSWORD, uniqueEmail, type SignedIn } from "../testing/sign-in.js";
import { startServer, type RunningServer } from "../testing/spawn-server.js";

const ATTEMPTS = 3;

let sink: SmtpSink;
let server: RunningServer;

beforeAll(async () => {
  sink = await startSmtpSink();
  server = await startServer({
    config: {
      email: smtpTo(sink.port),
      sign_in: { email_response_ms: 0, email_code_attempts: ATTEMPTS },
      rate_limits: GENEROUS_RATE_LIMITS,
    },
  });
});

afterAll(async () => {
  await server?.stop();
  server?.cleanup();
  await sink?.close();
});

const SIGN_IN_CODE = /sign-in code/;

/** A code sent to `email` (after the call), with its client token. */
async function codeFor(email: string, subject = SIGN_IN_CODE, language?: string) {
  const mail = expectMail(sink, email, subject);
  const started = await requestCode(server, email, language);
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  const received = await mail;
  return { clientToken: started.body.client_token, code: codeIn(received), mail: received };
}

/** Registers with a password (a verification mail goes out) and connects; returns the session and that mail. */
async function registerWithMail(language?: string) {
  const email = uniqueEmail("verify");
  const mail = expectMail(sink, email, /Confirm your email|Vahvista/);
  const made = await request(server.url, "POST", "/account/register", {
    body: { email, password: PASSWORD, ...(language ? { language } : {}) },
  });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  const user = await connect(server, await login(server, email));
  return { email, user, mail: await mail };
}

async function methodsOf(user: SignedIn) {
  return (await request(server.url, "GET", "/account/sign_in_methods", { token: user.accessToken })).body;
}

describe("email one-time codes", () => {
  test("an address without an account gets a registration code that makes one; later a sign-in code signs in; each code works once", async () => {
    const email = uniqueEmail("code");
    const first = await codeFor(email, /Your Venus code/);
    expect(first.mail.text).toMatch(/create an account/);
    const made = await verifyCode(server, first.clientToken, first.code);
    expect(made.status, JSON.stringify(made.body)).toBe(200);
    expect(made.body.registered).toBe(true);
    expectError(await verifyCode(server, first.clientToken, first.code), 401, "invalid_code");

    const second = await codeFor(email);
    // A code works only with its own client token.
    expectError(await verifyCode(server, first.clientToken, second.code), 401, "invalid_code");
    const signedIn = await verifyCode(server, second.clientToken, second.code);
    expect(signedIn.body).toMatchObject({ account_id: made.body.account_id, registered: false });
    const user = await connect(server, signedIn.body);
    expect(await methodsOf(user)).toMatchObject({ email, email_verified: true, password: false, oidc: [] });
    user.ws.close();
  });

  test(`the last of sign_in.email_code_attempts (${ATTEMPTS}) may be right; one more wrong code voids the client token`, async () => {
    const email = uniqueEmail("attempts");
    const edge = await codeFor(email, /Your Venus code/);
    for (let i = 0; i < ATTEMPTS - 1; i++)
      expectError(await verifyCode(server, edge.clientToken, wrongCode(edge.code)), 401, "invalid_code");
    expect((await verifyCode(server, edge.clientToken, edge.code)).status).toBe(200);

    const voided = await codeFor(email);
    for (let i = 0; i < ATTEMPTS; i++)
      expectError(await verifyCode(server, voided.clientToken, wrongCode(voided.code)), 401, "invalid_code");
    expectError(await verifyCode(server, voided.clientToken, voided.code), 401, "invalid_code");
  });

  test("a code signs in an account whose address was verified, changing nothing of it", async () => {
    const { email, user, mail } = await registerWithMail();
    await request(server.url, "POST", "/account/email/confirm", {
      token: user.accessToken,
      body: { code: codeIn(mail) },
    });
    const { clientToken, code } = await codeFor(email);
    const signedIn = await verifyCode(server, clientToken, code);
    expect(signedIn.body).toMatchObject({ account_id: user.accountId, registered: false });
    expect(await methodsOf(user)).toMatchObject({ email_verified: true, password: true });
    expect((await login(server, email)).account_id).toBe(user.accountId);
    user.ws.close();
  });

  test("the first proof of an address takes the account over: a password set without proof stops working and its sessions end", async () => {
    // Someone registers an address that is not theirs, and asks to move the account to their own;
    // the address's owner later signs in by code.
    const { email, user: squatter } = await registerWithMail();
    const own = uniqueEmail("squatter");
    const moving = expectMail(sink, own, /Confirm your new email/);
    await request(server.url, "POST", "/account/email/change", {
      token: squatter.accessToken,
      body: { email: own },
    });
    const moveMail = await moving;
    const { clientToken, code } = await codeFor(email);
    const owner = await verifyCode(server, clientToken, code);
    expect(owner.body).toMatchObject({ account_id: squatter.accountId, registered: false });
    expect(await squatter.ws.take((frame) => frame.type === "disconnect")).toMatchObject({
      reason: "session_ended",
    });
    expectError(
      await request(server.url, "POST", "/account/login", { body: { email, password: PASSWORD } }),
      401,
      "invalid_credentials",
    );
    // The move they asked for is void.
    expect((await fetch(linkIn(moveMail))).status).toBe(400);
    const signedIn = await connect(server, owner.body);
    expect(await methodsOf(signedIn)).toMatchObject({
      email,
      email_verified: true,
      password: false,
      pending_email_change: null,
    });
    signedIn.ws.close();
  });

  test("mails come in the request's language, else in email.default_language", async () => {
    expect((await codeFor(uniqueEmail("fi"), /kirjautumiskoodisi|Venus-koodisi/, "fi")).mail.text).toMatch(
      /Syötä se sovellukseen/,
    );
    // The Finnish templates have no verification mail: it comes in English.
    const { mail } = await registerWithMail("fi");
    expect(mail.subject).toBe("Confirm your email address for Venus");
    expect((await codeFor(uniqueEmail("xx"), /Your Venus code/, "xx")).mail.subject).toMatch(
      /^Your Venus code: \d{6}$/,
    );
  });

  test("bad input: malformed address, code not six digits, unknown client token", async () => {
    expectError(await requestCode(server, "not-an-address"), 400, "validation_failed");
    expectError(await verifyCode(server, "token", "12345"), 400, "validation_failed");
    expectError(await verifyCode(server, "no-such-token", "123456"), 401, "invalid_code");
  });
});

describe("verifying and changing the address", () => {
  test("registration mails a code and a link; the code confirms the address; resending when verified is refused", async () => {
    const { user, mail } = await registerWithMail();
    expect(mail.text).toMatch(/work for 48 hours/);
    expectError(
      await request(server.url, "POST", "/account/email/confirm", {
        token: user.accessToken,
        body: { code: wrongCode(codeIn(mail)) },
      }),
      401,
      "invalid_code",
    );
    const confirmed = await request(server.url, "POST", "/account/email/confirm", {
      token: user.accessToken,
      body: { code: codeIn(mail) },
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ email_verified: true });
    await user.ws.take((frame) => frame.event === "sign_in_methods_changed");
    expectError(
      await request(server.url, "POST", "/account/email/verification", { token: user.accessToken, body: {} }),
      409,
      "email_already_verified",
    );
    expectError(
      await request(server.url, "POST", "/account/email/confirm", {
        token: user.accessToken,
        body: { code: "000000" },
      }),
      409,
      "nothing_to_confirm",
    );
    user.ws.close();
  });

  test("the link confirms without a session, once; a resent mail replaces the first", async () => {
    const { email, user, mail } = await registerWithMail();
    const resent = expectMail(sink, email, /Confirm your email/);
    expect(
      (
        await request(server.url, "POST", "/account/email/verification", {
          token: user.accessToken,
          body: {},
        })
      ).status,
    ).toBe(200);
    const second = await resent;
    const stale = await fetch(linkIn(mail));
    expect(stale.status).toBe(400);
    expect(await stale.text()).toMatch(/expired or was used/);
    const page = await fetch(linkIn(second));
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect(await page.text()).toMatch(/Email address confirmed/);
    expect(await methodsOf(user)).toMatchObject({ email_verified: true });
    expect((await fetch(linkIn(second))).status).toBe(400);
    user.ws.close();
  });

  test("a change goes to the new address, takes effect when confirmed, and the old address is told", async () => {
    const { email: oldEmail, user } = await registerWithMail();
    const newEmail = uniqueEmail("changed");
    const verification = expectMail(sink, newEmail, /Confirm your new email/);
    const asked = await request(server.url, "POST", "/account/email/change", {
      token: user.accessToken,
      body: { email: newEmail.toUpperCase() },
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    expect(asked.body).toMatchObject({ email: oldEmail, pending_email_change: { email: newEmail } });
    const mail = await verification;
    expect(mail.text).toContain(oldEmail);
    // Until confirmed, the old address is the account's.
    expect((await login(server, oldEmail)).account_id).toBe(user.accountId);

    const notice = expectMail(sink, oldEmail, /was changed/);
    const confirmed = await request(server.url, "POST", "/account/email/confirm", {
      token: user.accessToken,
      body: { code: codeIn(mail) },
    });
    expect(confirmed.body).toMatchObject({
      email: newEmail,
      email_verified: true,
      pending_email_change: null,
    });
    expect((await notice).text).toContain(newEmail);
    expect((await login(server, newEmail)).account_id).toBe(user.accountId);
    expectError(
      await request(server.url, "POST", "/account/login", { body: { email: oldEmail, password: PASSWORD } }),
      401,
      "invalid_credentials",
    );
    user.ws.close();
  });

  test("refusals: the same address, an address another account has, cancel, and a change overtaken by a registration", async () => {
    const { email, user } = await registerWithMail();
    const other = await registerWithMail();
    const change = (to: string) =>
      request(server.url, "POST", "/account/email/change", { token: user.accessToken, body: { email: to } });
    expectError(await change(email), 409, "email_unchanged");
    expectError(await change(other.email), 409, "email_taken");
    expectError(
      await request(server.url, "DELETE", "/account/email/change", { token: user.accessToken }),
      409,
      "nothing_to_confirm",
    );
    const wanted = uniqueEmail("wanted");
    const verification = expectMail(sink, wanted, /Confirm your new email/);
    expect((await change(wanted)).status).toBe(200);
    const mail = await verification;
    const cancelled = await request(server.url, "DELETE", "/account/email/change", {
      token: user.accessToken,
    });
    expect(cancelled.body).toMatchObject({ email, pending_email_change: null });
    expect((await fetch(linkIn(mail))).status).toBe(400);

    // Asked again; meanwhile someone registers the wanted address: the confirmation is refused.
    const again = expectMail(sink, wanted, /Confirm your new email/);
    expect((await change(wanted)).status).toBe(200);
    const secondMail = await again;
    await request(server.url, "POST", "/account/register", { body: { email: wanted, password: PASSWORD } });
    expectError(
      await request(server.url, "POST", "/account/email/confirm", {
        token: user.accessToken,
        body: { code: codeIn(secondMail) },
      }),
      409,
      "email_taken",
    );
    expect(await methodsOf(user)).toMatchObject({ email, pending_email_change: null });
    user.ws.close();
    other.user.ws.close();
  });
});
