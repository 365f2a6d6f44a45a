import { startSmtpSink, type SmtpSink } from "@venus/simple-backend/testing";
import { afterAll, beforeAll, expect, test } from "vitest";
import { expectError, getState } from "../testing/account-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { codeIn, expectMail, requestCode, smtpTo, verifyCode } from "../testing/email-flow.js";
import { request } from "../testing/http-client.js";
import { PASSWORD, connect, login, register, uniqueEmail, type SignedIn } from "../testing/sign-in.js";
import { startServer, type RunningServer } from "../testing/spawn-server.js";

/** Owner-password checks (password change, deletion) per email in the window: small, so the test reaches it. */
const PER_EMAIL = 5;
const NEW_PASSWORD = "a new and longer passphrase";

let sink: SmtpSink;
let server: RunningServer;

beforeAll(async () => {
  sink = await startSmtpSink();
  server = await startServer({
    config: {
      email: smtpTo(sink.port),
      sign_in: { email_response_ms: 0 },
      rate_limits: { ...GENEROUS_RATE_LIMITS, login_per_email: { limit: PER_EMAIL, window_seconds: 3600 } },
      account: { password_min_length: 12 },
    },
  });
});

afterAll(async () => {
  await server?.stop();
  server?.cleanup();
  await sink?.close();
});

const change = (user: SignedIn, body: object) =>
  request(server.url, "POST", "/account/password", { token: user.accessToken, body });

const loginStatus = async (email: string, password: string) =>
  (await request(server.url, "POST", "/account/login", { body: { email, password } })).status;

test("with the current password it changes; the old one stops working; the address is told", async () => {
  const email = await register(server);
  const phone = await connect(server, await login(server, email));
  const laptop = await connect(server, await login(server, email));
  const notice = expectMail(sink, email, /password was changed/);
  const changed = await change(phone, { current_password: PASSWORD, new_password: NEW_PASSWORD });
  expect(changed).toMatchObject({ status: 200, body: { sessions_ended: 0 } });
  expect((await notice).text).toMatch(/was changed at \d{4}-\d\d-\d\d \d\d:\d\d \(UTC\)/);
  expect((await notice).text).not.toMatch(/signed out/);
  // Other devices stay signed in unless asked.
  expect((await getState(server, laptop.accessToken)).status).toBe(200);
  expect(await loginStatus(email, PASSWORD)).toBe(401);
  expect(await loginStatus(email, NEW_PASSWORD)).toBe(200);
  for (const device of [phone, laptop]) device.ws.close();
});

test("end_other_sessions signs every other device out at once; this one stays; the mail says so in Finnish", async () => {
  const email = await register(server);
  const phone = await connect(server, await login(server, email));
  const laptop = await connect(server, await login(server, email));
  const notice = expectMail(sink, email, /salasanasi vaihdettiin/);
  const changed = await change(phone, {
    current_password: PASSWORD,
    new_password: NEW_PASSWORD,
    end_other_sessions: true,
    language: "fi",
  });
  expect(changed).toMatchObject({ status: 200, body: { sessions_ended: 1 } });
  expect(await laptop.ws.take((frame) => frame.type === "disconnect")).toEqual({
    type: "disconnect",
    reason: "password_changed",
  });
  expectError(await getState(server, laptop.accessToken), 401, "invalid_token");
  expect((await getState(server, phone.accessToken)).status).toBe(200);
  expect((await notice).text).toMatch(/muut tiliin kirjautuneet laitteet kirjattiin ulos/);
  phone.ws.close();
});

test("a wrong current password is 403 wrong_password, counted by rate_limits.login_per_email: then 429", async () => {
  const email = await register(server);
  const user = await connect(server, await login(server, email));
  const wrong = { current_password: "not the password at all", new_password: NEW_PASSWORD };
  for (let attempt = 1; attempt <= PER_EMAIL; attempt++)
    expectError(await change(user, wrong), 403, "wrong_password");
  expectError(await change(user, wrong), 429, "rate_limited");
  expectError(
    await change(user, { current_password: PASSWORD, new_password: NEW_PASSWORD }),
    429,
    "rate_limited",
  );
  user.ws.close();
});

test("bad input is 400 and changes nothing: a missing current password, a short new one, unknown fields", async () => {
  const email = await register(server);
  const user = await connect(server, await login(server, email));
  expectError(await change(user, { new_password: NEW_PASSWORD }), 400, "validation_failed");
  expectError(
    await change(user, { current_password: PASSWORD, new_password: "too short" }),
    400,
    "validation_failed",
  );
  expectError(
    await change(user, { current_password: PASSWORD, new_password: NEW_PASSWORD, admin: true }),
    400,
    "validation_failed",
  );
  user.ws.close();
  expect(await loginStatus(email, PASSWORD)).toBe(200);
});

test("an account made with an email code sets its first password with its live session", async () => {
  const email = uniqueEmail("code");
  const codeMail = expectMail(sink, email, /code/);
  const started = await requestCode(server, email);
  const verified = await verifyCode(server, started.body.client_token, codeIn(await codeMail));
  expect(verified.body).toMatchObject({ registered: true });
  const user = await connect(server, verified.body);
  expect(await loginStatus(email, NEW_PASSWORD)).toBe(401);
  const notice = expectMail(sink, email, /password was changed/);
  expect((await change(user, { new_password: NEW_PASSWORD })).status).toBe(200);
  await notice;
  await user.ws.take((frame) => frame.type === "event" && frame.event === "sign_in_methods_changed");
  expect(await loginStatus(email, NEW_PASSWORD)).toBe(200);
  // From now on it has one: changing it needs it.
  expectError(await change(user, { new_password: PASSWORD }), 400, "validation_failed");
  user.ws.close();
});

test("without a live WebSocket the access token cannot change the password", async () => {
  const email = await register(server);
  const user = await connect(server, await login(server, email));
  user.ws.close();
  await user.ws.closed;
  await new Promise((resolve) => setTimeout(resolve, 200));
  expectError(
    await change(user, { current_password: PASSWORD, new_password: NEW_PASSWORD }),
    401,
    "websocket_required",
  );
});
