import { createHash } from "node:crypto";
import { VenusConfig } from "@venus/model";
import { loadConfig } from "@venus/simple-backend";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestIssuer, TEST_ID_TOKEN_DEFAULTS, type TestIssuer } from "../testing/oidc-issuer.js";
import { OidcVerifier } from "./oidc-verifier.js";

const { nonce } = TEST_ID_TOKEN_DEFAULTS;
const skew = 60;
const now = () => Math.floor(Date.now() / 1000);

function verifierOf(issuer: TestIssuer): OidcVerifier {
  const config = loadConfig({ schema: VenusConfig, env: {}, envPrefix: "VENUS_" });
  const provider = {
    issuers: ["https://an-alias.example", issuer.issuer],
    jwks_url: issuer.jwksUrl,
    client_ids: ["other-app", TEST_ID_TOKEN_DEFAULTS.clientId],
    registration_enabled: true,
    web_response_mode: "fragment" as const,
  };
  return new OidcVerifier(
    [
      { ...provider, name: "test", nonce: "plain" },
      { ...provider, name: "hashed", nonce: "sha256" },
    ],
    { ...config.sign_in, oidc_clock_skew_seconds: skew },
  );
}

function invalid(reason: string) {
  return { code: "invalid_id_token", status: 401, message: `the ID token is not valid: ${reason}` };
}

describe.each(["ES256", "RS256"] as const)("OidcVerifier with %s", (alg) => {
  let issuer: TestIssuer;
  let verifier: OidcVerifier;
  const verify = (id_token: string, provider = "test", requestNonce: string = nonce) =>
    verifier.verify({ provider, id_token, nonce: requestNonce });

  beforeAll(async () => {
    issuer = await startTestIssuer({ alg });
    verifier = verifierOf(issuer);
  });
  afterAll(() => issuer.close());

  it("verifies a good token, lower-casing and trimming the email", async () => {
    const exp = now() + 300;
    const token = await issuer.sign({ sub: "abc-123", email: " Some.One@Example.COM ", exp });
    await expect(verify(token)).resolves.toEqual({
      provider: "test",
      subject: "abc-123",
      email: "some.one@example.com",
      expiresAt: exp * 1000,
    });
  });

  it("accepts any configured client id as the audience, also within an aud array", async () => {
    await expect(verify(await issuer.sign({ aud: "other-app" }))).resolves.toMatchObject({
      provider: "test",
    });
    const token = await issuer.sign({ aud: ["someone-else", TEST_ID_TOKEN_DEFAULTS.clientId] });
    await expect(verify(token)).resolves.toMatchObject({ provider: "test" });
  });

  it("refuses a token signed with a key the JWKS does not hold under that kid", async () => {
    await expect(verify(await issuer.sign({}, { key: "stranger" }))).rejects.toMatchObject(
      invalid("signature"),
    );
  });

  it("refuses another issuer and another audience", async () => {
    await expect(verify(await issuer.sign({ iss: "https://evil.example" }))).rejects.toMatchObject(
      invalid("issuer"),
    );
    await expect(verify(await issuer.sign({ iss: undefined }))).rejects.toMatchObject(invalid("issuer"));
    await expect(verify(await issuer.sign({ aud: "someone-else" }))).rejects.toMatchObject(
      invalid("audience"),
    );
    await expect(verify(await issuer.sign({ aud: undefined }))).rejects.toMatchObject(invalid("audience"));
  });

  it("refuses a token expired beyond the clock skew and accepts one expired within it", async () => {
    await expect(verify(await issuer.sign({ exp: now() - skew - 60 }))).rejects.toMatchObject(
      invalid("expired"),
    );
    await expect(verify(await issuer.sign({ exp: now() - skew / 2 }))).resolves.toMatchObject({
      subject: TEST_ID_TOKEN_DEFAULTS.subject,
    });
  });

  it("refuses iat or nbf in the future beyond the skew and accepts them within it", async () => {
    const future = now() + skew + 60;
    await expect(verify(await issuer.sign({ nbf: future }))).rejects.toMatchObject(invalid("not yet valid"));
    await expect(verify(await issuer.sign({ iat: future }))).rejects.toMatchObject(invalid("not yet valid"));
    const token = await issuer.sign({ iat: now() + skew / 2, nbf: now() + skew / 2 });
    await expect(verify(token)).resolves.toMatchObject({ provider: "test" });
  });

  it("refuses a wrong or missing nonce", async () => {
    const token = await issuer.sign({});
    await expect(verify(token, "test", `${nonce}-other`)).rejects.toMatchObject(invalid("nonce"));
    await expect(verify(await issuer.sign({ nonce: undefined }))).rejects.toMatchObject(invalid("nonce"));
  });

  it("takes the nonce's SHA-256 from a provider configured with nonce = sha256", async () => {
    const hashed = createHash("sha256").update(nonce).digest("hex");
    await expect(verify(await issuer.sign({ nonce: hashed }), "hashed")).resolves.toMatchObject({
      provider: "hashed",
    });
    await expect(verify(await issuer.sign({ nonce }), "hashed")).rejects.toMatchObject(invalid("nonce"));
    await expect(verify(await issuer.sign({ nonce: hashed }), "test")).rejects.toMatchObject(
      invalid("nonce"),
    );
  });

  it("accepts email_verified as true or Apple's string 'true' only", async () => {
    await expect(verify(await issuer.sign({ email_verified: "true" }))).resolves.toMatchObject({
      email: TEST_ID_TOKEN_DEFAULTS.email,
    });
    for (const email_verified of [false, "false", undefined, 1, "TRUE"]) {
      await expect(verify(await issuer.sign({ email_verified }))).rejects.toMatchObject({
        code: "email_not_verified",
        status: 403,
      });
    }
  });

  it("accepts a token without an email address, saying it has none (only a linked identity signs in so)", async () => {
    for (const email of [undefined, "", "   ", 42]) {
      await expect(verify(await issuer.sign({ email, email_verified: undefined }))).resolves.toMatchObject({
        subject: TEST_ID_TOKEN_DEFAULTS.subject,
        email: undefined,
      });
    }
  });

  it("refuses a token without sub or exp", async () => {
    for (const claims of [
      { sub: undefined },
      { sub: "" },
      { sub: 42 },
      { exp: undefined },
      { exp: "soon" },
    ]) {
      await expect(verify(await issuer.sign(claims))).rejects.toMatchObject(invalid("malformed"));
    }
  });

  it("refuses what is not a signed JWT", async () => {
    const good = await issuer.sign({});
    const [header, payload] = good.split(".");
    for (const token of ["", "not a token", "a.b.c", `${header}.${payload}`, `${header}.${payload}.!!`]) {
      await expect(verify(token)).rejects.toMatchObject(invalid("malformed"));
    }
    const unsigned = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${payload}.`;
    await expect(verify(unsigned)).rejects.toMatchObject(invalid("algorithm"));
  });

  it("refuses a symmetric algorithm, whatever the key", async () => {
    const hs256 = await new SignJWT({ iss: issuer.issuer, aud: TEST_ID_TOKEN_DEFAULTS.clientId, nonce })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("abc")
      .setExpirationTime("5m")
      .sign(new TextEncoder().encode(TEST_ID_TOKEN_DEFAULTS.clientId));
    await expect(verify(hs256)).rejects.toMatchObject(invalid("algorithm"));
  });

  it("refuses a provider that is not configured", async () => {
    await expect(verify(await issuer.sign({}), "nope")).rejects.toMatchObject({
      code: "unknown_provider",
      status: 404,
    });
    await expect(verify(await issuer.sign({}), "__proto__")).rejects.toMatchObject({
      code: "unknown_provider",
    });
    expect(verifier.provider("hashed")).toMatchObject({ name: "hashed", nonce: "sha256" });
    expect(verifier.provider("nope")).toBeUndefined();
  });
});

it("refuses two providers with one name, naming the second", () => {
  const config = loadConfig({ schema: VenusConfig, env: {}, envPrefix: "VENUS_" });
  const google = {
    name: "google",
    issuers: ["https://accounts.google.com"],
    jwks_url: "https://www.googleapis.com/oauth2/v3/certs",
    client_ids: ["app"],
    nonce: "plain" as const,
    registration_enabled: true,
    web_response_mode: "fragment" as const,
  };
  expect(() => new OidcVerifier([google, { ...google, client_ids: ["other"] }], config.sign_in)).toThrow(
    /\/oidc_providers\/1\/name: another provider is named google/,
  );
});
