import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { expectWait, freshAddress, loginFrom, startBackoffServer } from "../testing/backoff-server.js";
import { codeIn, expectMail, requestCode, verifyCode } from "../testing/email-flow.js";
import { request } from "../testing/http-client.js";
import { connect, PASSWORD, register, uniqueEmail, type Tokens } from "../testing/sign-in.js";

// An attacker who knows an email makes its account wait five minutes after three guesses.
const WAIT = 300;
let running: Awaited<ReturnType<typeof startBackoffServer>>;
beforeAll(async () => {
  running = await startBackoffServer({
    free_failures: 2,
    first_delay_seconds: WAIT,
    max_delay_seconds: WAIT,
  });
});
afterAll(() => running?.stop());

const login = (email: string, password: string, refreshToken?: string) =>
  loginFrom(running.server, email, password, freshAddress(), refreshToken);

/** An account whose address is verified (an email code then signs in to it rather than taking it over). */
async function verifiedAccount(): Promise<string> {
  const email = uniqueEmail("owner");
  const confirmMail = expectMail(running.sink, email, /Confirm your email/);
  await register(running.server, email);
  const user = await connect(running.server, (await login(email, PASSWORD)).body as Tokens);
  const confirmed = await request(running.server.url, "POST", "/account/email/confirm", {
    token: user.accessToken,
    body: { code: codeIn(await confirmMail) },
  });
  expect(confirmed.body).toMatchObject({ email_verified: true });
  user.ws.close();
  return email;
}

describe("the owner is not locked out by others' failures", () => {
  test("a login carrying the device's live refresh token of the account is never held back", async () => {
    const email = await register(running.server, uniqueEmail("owner"));
    const device = await login(email, PASSWORD);
    const other = await login(await register(running.server, uniqueEmail("other")), PASSWORD);
    for (let i = 0; i < 3; i++) expect((await login(email, "attacker's guess")).status).toBe(401);
    expectWait(await login(email, PASSWORD), WAIT - 5, WAIT);
    // Another account's token, or one that does not exist, proves nothing.
    expectWait(await login(email, PASSWORD, other.body.refresh_token), WAIT - 5, WAIT);
    expectWait(await login(email, PASSWORD, "not-a-token"), WAIT - 5, WAIT);
    const owner = await login(email, PASSWORD, device.body.refresh_token);
    expect(owner.status).toBe(200);
    expect(owner.body.account_id).toBe(device.body.account_id);
    // The owner mistyping is told so, not made to wait.
    expect((await login(email, "typo", owner.body.refresh_token)).status).toBe(401);
  });

  test("a sign-in with an emailed code clears the account's wait for the password", async () => {
    const email = await verifiedAccount();
    for (let i = 0; i < 3; i++) expect((await login(email, "attacker's guess")).status).toBe(401);
    expectWait(await login(email, PASSWORD), WAIT - 5, WAIT);
    const mail = expectMail(running.sink, email, /code/i);
    const asked = await requestCode(running.server, email);
    expect(asked.status).toBe(200);
    expect((await verifyCode(running.server, asked.body.client_token, codeIn(await mail))).status).toBe(200);
    expect((await login(email, PASSWORD)).status).toBe(200);
  });
});
