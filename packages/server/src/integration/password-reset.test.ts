import { createECDH, randomBytes } from "node:crypto";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { AccountMethods, HttpApi, VenusApiError } from "@venus/bot-client";
import { startSmtpSink, type SmtpSink } from "@venus/simple-backend/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { expectError, getState } from "../testing/account-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { codeIn, expectMail, requestCode, smtpTo, verifyCode, wrongCode } from "../testing/email-flow.js";
import { request } from "../testing/http-client.js";
import { as } from "../testing/profile-flow.js";
import { sleep } from "../testing/push/push-flow.js";
import { connect, login, PASSWORD, register, uniqueEmail } from "../testing/sign-in.js";
import { startServer, type RunningServer } from "../testing/spawn-server.js";

const ATTEMPTS = 3;
/** sign_in.password_reset_code_ttl_minutes: 0.2 is 12 s. */
const TTL_MINUTES = 0.2;
/** rate_limits.email_code_per_email: reset codes count with sign-in codes. */
const CODES_PER_EMAIL = 4;
const NEW_PASSWORD = "a brand new passphrase";

let sink: SmtpSink;
let server: RunningServer;
let account: AccountMethods;

beforeAll(async () => {
  sink = await startSmtpSink();
  server = await startServer({
    config: {
      email: smtpTo(sink.port),
      sign_in: {
        email_response_ms: 0,
        password_reset_code_attempts: ATTEMPTS,
        password_reset_code_ttl_minutes: TTL_MINUTES,
      },
      rate_limits: {
        ...GENEROUS_RATE_LIMITS,
        email_code_per_email: { limit: CODES_PER_EMAIL, window_seconds: 3600 },
      },
    },
  });
  account = new AccountMethods(new HttpApi(server.url));
});

afterAll(async () => {
  await server?.stop();
  server?.cleanup();
  await sink?.close();
});

const RESET_MAIL = /password reset code|salasanan vaihtokoodisi/;

/** Asks for a reset of `email`'s password; the mailed code with its client token. */
async function resetCode(email: string, language?: string) {
  const mail = expectMail(sink, email, RESET_MAIL);
  const started = await account.requestPasswordReset({ email, ...(language ? { language } : {}) });
  expect(started.expires_in_seconds).toBe(TTL_MINUTES * 60);
  const received = await mail;
  return { clientToken: started.client_token, code: codeIn(received), mail: received };
}

const confirm = (clientToken: string, code: string, newPassword = NEW_PASSWORD) =>
  account.confirmPasswordReset({ client_token: clientToken, code, new_password: newPassword });

/** The call's VenusApiError (the test fails when it succeeds). */
async function refusal(call: Promise<unknown>): Promise<VenusApiError> {
  const error = await call.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  if (!(error instanceof VenusApiError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

/** A WebPush subscription with real key sizes (no push is sent to it here). */
const webPushTarget = () => ({
  provider: "webpush",
  endpoint: `https://127.0.0.1:9/push/${randomBytes(6).toString("hex")}`,
  keys: {
    p256dh: createECDH("prime256v1").generateKeys().toString("base64url"),
    auth: randomBytes(16).toString("base64url"),
  },
});

function storedTargets(accountId: string): unknown[] {
  const db = new BetterSqlite3(join(server.dataDir, "data", "push.sqlite"), { readonly: true });
  try {
    return db.prepare("SELECT session_id FROM push_targets WHERE account_id = ?").all(accountId);
  } finally {
    db.close();
  }
}

describe("a forgotten password, reset by an emailed code", () => {
  test("the code sets the new password, ends every session with its push target, and signs this device in", async () => {
    const email = uniqueEmail("reset");
    const verification = expectMail(sink, email, /Confirm your email/);
    await register(server, email);
    const phone = await connect(server, await login(server, email));
    const confirmed = await as(server, phone).post("/account/email/confirm", {
      code: codeIn(await verification),
    });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    const put = await as(server, phone).put("/account/push_target", webPushTarget());
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(storedTargets(phone.accountId)).toHaveLength(1);

    const { clientToken, code, mail } = await resetCode(email);
    expect(mail.text).toMatch(/every\s+device signed in to the account is signed out/);
    // The registration's rules: a short password is refused, and the code still works after.
    const short = await refusal(confirm(clientToken, code, "short"));
    expect([short.status, short.code]).toEqual([400, "validation_failed"]);

    const notice = expectMail(sink, email, /password was changed/);
    const signedIn = await confirm(clientToken, code);
    expect(signedIn).toMatchObject({ account_id: phone.accountId, registered: false });
    expect(await phone.ws.take((frame) => frame.type === "disconnect")).toMatchObject({
      reason: "password_changed",
    });
    expect((await getState(server, phone.accessToken)).status).toBe(401);
    expectError(
      await request(server.url, "POST", "/account/refresh", { body: { refresh_token: phone.refreshToken } }),
      401,
      "invalid_token",
    );
    expect(storedTargets(phone.accountId)).toEqual([]);
    expect((await notice).text).toMatch(/Every other device signed in to the account was signed out/);

    // The answer's tokens are a session like a login's; the old password is gone.
    const device = await connect(server, signedIn);
    expect((await getState(server, device.accessToken)).status).toBe(200);
    expectError(
      await request(server.url, "POST", "/account/login", { body: { email, password: PASSWORD } }),
      401,
      "invalid_credentials",
    );
    expect((await account.login({ email, password: NEW_PASSWORD })).account_id).toBe(phone.accountId);
    // Used once.
    expect((await refusal(confirm(clientToken, code))).code).toBe("invalid_code");
    device.ws.close();
  });

  test("an address without an account gets the same answer and no mail", async () => {
    const nobody = uniqueEmail("nobody");
    const started = await account.requestPasswordReset({ email: nobody });
    expect(Object.keys(started).sort()).toEqual(["client_token", "expires_in_seconds"]);
    // A mail asked for after it arrives first: none was queued for the unknown address.
    await resetCode(await register(server, uniqueEmail("someone")));
    expect(sink.mails.filter((mail) => mail.to.includes(nobody))).toEqual([]);
    expect((await refusal(confirm(started.client_token, "123456"))).code).toBe("invalid_code");
  });

  test(`the last of sign_in.password_reset_code_attempts (${ATTEMPTS}) may be right; one more wrong code voids it`, async () => {
    const email = await register(server, uniqueEmail("attempts"));
    const edge = await resetCode(email);
    for (let i = 0; i < ATTEMPTS - 1; i++)
      expect((await refusal(confirm(edge.clientToken, wrongCode(edge.code)))).code).toBe("invalid_code");
    expect((await confirm(edge.clientToken, edge.code)).account_id).toBeTruthy();

    const voided = await resetCode(email);
    for (let i = 0; i < ATTEMPTS; i++)
      expect((await refusal(confirm(voided.clientToken, wrongCode(voided.code)))).code).toBe("invalid_code");
    expect((await refusal(confirm(voided.clientToken, voided.code))).code).toBe("invalid_code");
  });

  test("a reset code does not sign in, and a sign-in code does not reset", async () => {
    const email = await register(server, uniqueEmail("purpose"));
    const reset = await resetCode(email);
    expectError(await verifyCode(server, reset.clientToken, reset.code), 401, "invalid_code");

    const signInMail = expectMail(sink, email, /sign-in code/);
    const started = await requestCode(server, email);
    const signInCode = codeIn(await signInMail);
    expect((await refusal(confirm(started.body.client_token, signInCode))).code).toBe("invalid_code");
    // The password never changed.
    expect((await login(server, email)).account_id).toBeTruthy();
  });

  test(`a code works for sign_in.password_reset_code_ttl_minutes (${TTL_MINUTES}), not after`, async () => {
    const email = await register(server, uniqueEmail("expiry"));
    const stale = await resetCode(email);
    const fresh = await resetCode(email);
    expect((await confirm(fresh.clientToken, fresh.code)).account_id).toBeTruthy();
    await sleep(TTL_MINUTES * 60_000 + 500);
    expect((await refusal(confirm(stale.clientToken, stale.code))).code).toBe("invalid_code");
  });

  test("an unverified account's reset proves the address: it counts as verified, with the new password", async () => {
    const email = await register(server, uniqueEmail("unverified"));
    const before = await connect(server, await login(server, email));
    expect((await as(server, before).get("/account/sign_in_methods")).body).toMatchObject({
      email_verified: false,
    });
    const { clientToken, code } = await resetCode(email, "fi");
    const after = await connect(server, await confirm(clientToken, code));
    expect(await before.ws.take((frame) => frame.type === "disconnect")).toMatchObject({
      reason: "session_ended",
    });
    expect((await as(server, after).get("/account/sign_in_methods")).body).toMatchObject({
      email_verified: true,
      password: true,
    });
    after.ws.close();
  });

  test(`reset codes count against rate_limits.email_code_per_email (${CODES_PER_EMAIL}) with sign-in codes`, async () => {
    const email = await register(server, uniqueEmail("limit"));
    expect((await requestCode(server, email)).status).toBe(200);
    for (let i = 1; i < CODES_PER_EMAIL; i++) await account.requestPasswordReset({ email });
    const limited = await refusal(account.requestPasswordReset({ email }));
    expect([limited.status, limited.code]).toEqual([429, "rate_limited"]);
    expect(limited.retryAfterSeconds).toBeGreaterThan(0);
  });

  test("bad input: a malformed address, a code that is not six digits", async () => {
    const bad = await refusal(account.requestPasswordReset({ email: "not-an-address" }));
    expect([bad.status, bad.code]).toEqual([400, "validation_failed"]);
    const notSix = await refusal(confirm("token", "12345"));
    expect([notSix.status, notSix.code]).toEqual([400, "validation_failed"]);
  });
});
