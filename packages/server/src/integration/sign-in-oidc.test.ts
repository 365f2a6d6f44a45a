import { createHash } from "node:crypto";
import { startTestIssuer, TEST_ID_TOKEN_DEFAULTS, type TestIssuer } from "@venus/data-account/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { expectError } from "../testing/account-flow.js";
import { rowsNaming } from "../testing/account-leftovers.js";
import { runDailyTask } from "../testing/admin-flow.js";
import { as, createProfileUser } from "../testing/profile-flow.js";
import { request } from "../testing/http-client.js";
import { connect, login, register, uniqueEmail, type Tokens } from "../testing/sign-in.js";
import { startServer, type RunningServer } from "../testing/spawn-server.js";

const CLIENT_ID = TEST_ID_TOKEN_DEFAULTS.clientId;
const NONCE = "a-nonce-of-the-app-0123456789";
const ROOT_EMAIL = "oidc-root@example.com";

let google: TestIssuer;
let apple: TestIssuer;
let server: RunningServer;
let subjects = 0;

const provider = (name: string, issuer: TestIssuer, extra: Record<string, unknown> = {}) => ({
  name,
  issuers: [issuer.issuer],
  jwks_url: issuer.jwksUrl,
  client_ids: ["another-app", CLIENT_ID],
  ...extra,
});

const serverConfig = (extra: Record<string, unknown> = {}) => ({
  oidc_providers: [
    provider("google", google),
    provider("apple", apple, { nonce: "sha256" }),
    provider("closed", google, { registration_enabled: false }),
  ],
  sign_in: { jwks_min_refresh_seconds: 0 },
  rate_limits: { oidc_per_ip: { limit: 1000, window_seconds: 60 } },
  admin: { grant_email: ROOT_EMAIL },
  account: { deletion_wait_days: 0 },
  ...extra,
});

beforeAll(async () => {
  [google, apple] = await Promise.all([startTestIssuer(), startTestIssuer({ alg: "RS256" })]);
  server = await startServer({ config: serverConfig() });
});

afterAll(async () => {
  await server?.stop();
  server?.cleanup();
  await Promise.all([google?.close(), apple?.close()]);
});

/** A person at the provider: their own subject and address. */
function person(prefix = "oidc") {
  return { sub: `subject-${process.pid}-${subjects++}`, email: uniqueEmail(prefix) };
}

async function signIn(
  target: { url: string },
  claims: Record<string, unknown>,
  options: { provider?: string; issuer?: TestIssuer; nonce?: string; key?: "current" | "stranger" } = {},
) {
  const issuer = options.issuer ?? google;
  const idToken = await issuer.sign({ nonce: NONCE, ...claims }, { key: options.key ?? "current" });
  return request<Tokens & { registered: boolean }>(target.url, "POST", "/account/sign_in/oidc", {
    body: { provider: options.provider ?? "google", id_token: idToken, nonce: options.nonce ?? NONCE },
  });
}

async function methods(tokens: Tokens) {
  const signedIn = await connect(server, tokens);
  const answer = await request(server.url, "GET", "/account/sign_in_methods", {
    token: signedIn.accessToken,
  });
  return { signedIn, body: answer.body };
}

describe("signing in with an ID token", () => {
  test("an identity seen for the first time registers a verified account without a password; the next sign-in finds it", async () => {
    const someone = person();
    const first = await signIn(server, { ...someone, email: someone.email.toUpperCase() });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.registered).toBe(true);
    const { signedIn, body } = await methods(first.body);
    expect(body).toEqual({
      account_id: first.body.account_id,
      email: someone.email,
      email_verified: true,
      pending_email_change: null,
      password: false,
      oidc: [{ provider: "google", email: someone.email, linked_at: expect.any(Number) }],
    });
    signedIn.ws.close();

    const again = await signIn(server, someone);
    expect(again.body).toMatchObject({ account_id: first.body.account_id, registered: false });
    // A linked identity signs in even when the provider leaves the address out.
    const noEmail = await signIn(server, { sub: someone.sub, email: undefined, email_verified: undefined });
    expect(noEmail.body).toMatchObject({ account_id: first.body.account_id, registered: false });
    // No password: password login is refused like a wrong password.
    const byPassword = await request(server.url, "POST", "/account/login", {
      body: { email: someone.email, password: "any password at all" },
    });
    expectError(byPassword, 401, "invalid_credentials");
  });

  test("every bad token is refused with the reason named", async () => {
    const someone = person();
    const cases: [string, Promise<{ status: number; body: unknown }>, number, string, RegExp?][] = [
      ["bad signature", signIn(server, someone, { key: "stranger" }), 401, "invalid_id_token", /signature/],
      [
        "wrong issuer",
        signIn(server, { ...someone, iss: "https://evil.example" }),
        401,
        "invalid_id_token",
        /issuer/,
      ],
      [
        "wrong audience",
        signIn(server, { ...someone, aud: "someone-elses-app" }),
        401,
        "invalid_id_token",
        /audience/,
      ],
      [
        "expired beyond the clock skew",
        signIn(server, { ...someone, exp: Math.floor(Date.now() / 1000) - 120 }),
        401,
        "invalid_id_token",
        /expired/,
      ],
      [
        "wrong nonce",
        signIn(server, someone, { nonce: "not-the-nonce-0123456789" }),
        401,
        "invalid_id_token",
        /nonce/,
      ],
      ["unverified email", signIn(server, { ...someone, email_verified: false }), 403, "email_not_verified"],
      ["no email", signIn(server, { ...someone, email: undefined }), 403, "email_not_verified"],
      ["unknown provider", signIn(server, someone, { provider: "myspace" }), 404, "unknown_provider"],
    ];
    for (const [name, answer, status, code, message] of cases) {
      const result = await answer;
      expect(result.status, name).toBe(status);
      expect((result.body as { error: { code: string } }).error.code, name).toBe(code);
      if (message)
        expect((result.body as { error: { message: string } }).error.message, name).toMatch(message);
    }
    const malformed = await request(server.url, "POST", "/account/sign_in/oidc", {
      body: { provider: "google", id_token: "not.a.jwt", nonce: NONCE },
    });
    expectError(malformed, 401, "invalid_id_token");
    // None of them made an account.
    expect((await signIn(server, someone)).body.registered).toBe(true);
  });

  test("a token works once", async () => {
    const idToken = await google.sign({ ...person(), nonce: NONCE });
    const body = { provider: "google", id_token: idToken, nonce: NONCE };
    expect((await request(server.url, "POST", "/account/sign_in/oidc", { body })).status).toBe(200);
    const replay = await request(server.url, "POST", "/account/sign_in/oidc", { body });
    expectError(replay, 401, "invalid_id_token");
    expect(JSON.stringify(replay.body)).toMatch(/already used/);
  });

  test("after the provider rotates its key, the new key is fetched and tokens signed with it work", async () => {
    const someone = person();
    expect((await signIn(server, someone)).status).toBe(200);
    const fetches = google.jwksFetches;
    await google.rotateKey();
    const after = await signIn(server, someone);
    expect(after.status, JSON.stringify(after.body)).toBe(200);
    expect(google.jwksFetches).toBe(fetches + 1);
  });

  test("a provider with nonce = sha256 (Apple) carries the nonce's hash", async () => {
    const someone = person("apple");
    const hashed = createHash("sha256").update(NONCE).digest("hex");
    // Apple sends email_verified as a string.
    const claims = { ...someone, nonce: hashed, email_verified: "true" };
    const token = await apple.sign(claims);
    const ok = await request(server.url, "POST", "/account/sign_in/oidc", {
      body: { provider: "apple", id_token: token, nonce: NONCE },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const plain = await signIn(server, someone, { provider: "apple", issuer: apple });
    expectError(plain, 401, "invalid_id_token");
  });
});

describe("an address that already has an account", () => {
  test("a verified one joins the account; an unverified one must be linked from a session", async () => {
    // Verified: registered through Google; then Apple vouches for the same address.
    const verified = person();
    const first = await signIn(server, verified);
    const viaApple = await apple.sign({
      ...verified,
      sub: `apple-${verified.sub}`,
      nonce: createHash("sha256").update(NONCE).digest("hex"),
    });
    const joined = await request<Tokens & { registered: boolean }>(
      server.url,
      "POST",
      "/account/sign_in/oidc",
      {
        body: { provider: "apple", id_token: viaApple, nonce: NONCE },
      },
    );
    expect(joined.body).toMatchObject({ account_id: first.body.account_id, registered: false });

    // Unverified: a password account nobody confirmed the address of.
    const email = await register(server, uniqueEmail("unverified"));
    const someone = { sub: `subject-${process.pid}-${subjects++}`, email };
    expectError(await signIn(server, someone), 409, "email_link_required");
    const own = await connect(server, await login(server, email));
    const link = await request(server.url, "POST", "/account/sign_in_methods/oidc", {
      token: own.accessToken,
      body: { provider: "google", id_token: await google.sign({ ...someone, nonce: NONCE }), nonce: NONCE },
    });
    expect(link.status, JSON.stringify(link.body)).toBe(200);
    expect(link.body).toMatchObject({ password: true, oidc: [{ provider: "google", email }] });
    const event = await own.ws.take((frame) => frame.event === "sign_in_methods_changed");
    expect(event.event).toBe("sign_in_methods_changed");
    const viaGoogle = await signIn(server, someone);
    expect(viaGoogle.body).toMatchObject({ account_id: own.accountId, registered: false });
    own.ws.close();
  });

  test("linking: one identity per provider, never an identity another account has; unlinking", async () => {
    const alice = person();
    const bob = person();
    const aliceTokens = (await signIn(server, alice)).body;
    const bobSession = await connect(server, (await signIn(server, bob)).body);
    const linkAs = async (claims: Record<string, unknown>) =>
      request(server.url, "POST", "/account/sign_in_methods/oidc", {
        token: bobSession.accessToken,
        body: { provider: "google", id_token: await google.sign({ ...claims, nonce: NONCE }), nonce: NONCE },
      });
    expectError(await linkAs(alice), 409, "identity_in_use");
    expectError(await linkAs(person()), 409, "provider_already_linked");
    // Linking what is linked already changes nothing.
    expect((await linkAs(bob)).status).toBe(200);

    const unlink = await request(server.url, "DELETE", "/account/sign_in_methods/oidc/google", {
      token: bobSession.accessToken,
    });
    expect(unlink.status).toBe(200);
    expect(unlink.body).toMatchObject({ oidc: [] });
    expectError(
      await request(server.url, "DELETE", "/account/sign_in_methods/oidc/google", {
        token: bobSession.accessToken,
      }),
      404,
      "not_found",
    );
    // Now another identity of the same provider may be linked to Bob.
    const fresh = person();
    expect((await linkAs({ ...fresh, email: bob.email })).status).toBe(200);
    // Linking needs a session.
    const anonymous = await request(server.url, "POST", "/account/sign_in_methods/oidc", {
      body: { provider: "google", id_token: await google.sign({ ...person(), nonce: NONCE }), nonce: NONCE },
    });
    expect(anonymous.status).toBe(401);
    expect(aliceTokens.account_id).not.toBe(bobSession.accountId);
    bobSession.ws.close();
  });
});

describe("deleting an account made by a provider", () => {
  test("it deletes itself without a password; nothing of it is left, and the identity can register again", async () => {
    const root = await createProfileUser(server, { email: ROOT_EMAIL, name: "Root" });
    const someone = person();
    const made = (await signIn(server, someone)).body;
    const user = await connect(server, made);
    // A pending email change too: its verification row must go with the account.
    const change = await request(server.url, "POST", "/account/email/change", {
      token: user.accessToken,
      body: { email: uniqueEmail("moving") },
    });
    expect(change.status, JSON.stringify(change.body)).toBe(200);
    expect((await rowsNaming(server, made.account_id)).map((found) => found.table)).toEqual(
      expect.arrayContaining(["account.sqlite/oidc_identity", "account.sqlite/email_verification"]),
    );
    expect((await as(server, user).post("/account/delete", {})).status).toBe(200);
    expect((await runDailyTask(server, root)).accounts_deleted).toBe(1);
    expect(await rowsNaming(server, made.account_id)).toEqual([]);
    const again = await signIn(server, someone);
    expect(again.body.registered).toBe(true);
    expect(again.body.account_id).not.toBe(made.account_id);
    root.ws.close();
  });
});

describe("registration switches", () => {
  test("a provider with registration_enabled = false signs in known identities only", async () => {
    expectError(await signIn(server, person(), { provider: "closed" }), 403, "registration_disabled");
  });

  test("with account.registration_enabled off, nobody registers by provider; the limit per address; a registration and a used token survive kill -9", async () => {
    const someone = person();
    const signedUp = await signIn(server, someone);
    const usedToken = await google.sign({ ...person(), nonce: NONCE });
    const useIt = (target: { url: string }) =>
      request(target.url, "POST", "/account/sign_in/oidc", {
        body: { provider: "google", id_token: usedToken, nonce: NONCE },
      });
    expect((await useIt(server)).status).toBe(200);
    const closed = await startServer({
      config: serverConfig({
        account: { registration_enabled: false },
        rate_limits: { oidc_per_ip: { limit: 2, window_seconds: 600 } },
      }),
    });
    try {
      expectError(await signIn(closed, person()), 403, "registration_disabled");
      expectError(await signIn(closed, person()), 403, "registration_disabled");
      // rate_limits.oidc_per_ip: the third attempt from the address within the window.
      const limited = await signIn(closed, person());
      expectError(limited, 429, "rate_limited");
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(500);
    } finally {
      await closed.stop();
      closed.cleanup();
    }
    // The shared server dies outright and starts again on its data: the registration stands.
    server.process.kill("SIGKILL");
    await server.exited;
    server = await startServer({ config: serverConfig(), dataDir: server.dataDir });
    const again = await signIn(server, someone);
    expect(again.body).toMatchObject({ account_id: signedUp.body.account_id, registered: false });
    // The used token stays used.
    expectError(await useIt(server), 401, "invalid_id_token");
  });
});
