import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { VenusConfig } from "@venus/model";
import { loadConfig } from "@venus/simple-backend";
import { afterEach, describe, expect, it, vi } from "vitest";
import { startTestIssuer, TEST_ID_TOKEN_DEFAULTS, type TestIssuer } from "../testing/oidc-issuer.js";
import { OidcVerifier } from "./oidc-verifier.js";

const { nonce } = TEST_ID_TOKEN_DEFAULTS;
const config = loadConfig({ schema: VenusConfig, env: {}, envPrefix: "VENUS_" });

function verifierOf(jwksUrl: string, issuer: string, settings: Partial<VenusConfig["sign_in"]> = {}) {
  const provider = {
    name: "test",
    issuers: [issuer],
    jwks_url: jwksUrl,
    client_ids: [TEST_ID_TOKEN_DEFAULTS.clientId],
    nonce: "plain" as const,
    registration_enabled: true,
    web_response_mode: "fragment" as const,
  };
  return new OidcVerifier([provider], { ...config.sign_in, ...settings });
}

const unavailable = { code: "provider_unavailable", status: 503 };
const opened: { close(): Promise<void> }[] = [];

async function issuerStarted(): Promise<TestIssuer> {
  const issuer = await startTestIssuer();
  opened.push(issuer);
  return issuer;
}

afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(opened.splice(0).map((server) => server.close()));
});

describe("provider signing keys", () => {
  it("fetches the JWKS once for many verifications", async () => {
    const issuer = await issuerStarted();
    const verifier = verifierOf(issuer.jwksUrl, issuer.issuer);
    const verify = async () => verifier.verify({ provider: "test", id_token: await issuer.sign({}), nonce });
    await Promise.all(Array.from({ length: 10 }, verify));
    for (let i = 0; i < 10; i++) await verify();
    expect(issuer.jwksFetches).toBe(1);
  });

  it("refetches the JWKS for the new kid after a key rotation", async () => {
    const issuer = await issuerStarted();
    const verifier = verifierOf(issuer.jwksUrl, issuer.issuer, { jwks_min_refresh_seconds: 0 });
    await verifier.verify({ provider: "test", id_token: await issuer.sign({}), nonce });
    expect(issuer.jwksFetches).toBe(1);
    await issuer.rotateKey();
    const token = await issuer.sign({ sub: "after-rotation" });
    await expect(verifier.verify({ provider: "test", id_token: token, nonce })).resolves.toMatchObject({
      subject: "after-rotation",
    });
    expect(issuer.jwksFetches).toBe(2);
  });

  // jose times the refresh limits with Date.now(): the clock is moved rather than waited for (fetches,
  // sockets and timeouts keep running on real timers).
  it("refetches for an unknown kid at most once per jwks_min_refresh_seconds", async () => {
    const issuer = await issuerStarted();
    const verifier = verifierOf(issuer.jwksUrl, issuer.issuer, {
      jwks_min_refresh_seconds: 600,
      jwks_max_age_seconds: 86_400,
    });
    const verify = async () => verifier.verify({ provider: "test", id_token: await issuer.sign({}), nonce });
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    await verify();
    await issuer.rotateKey();
    vi.setSystemTime(Date.now() + 300_000);
    await expect(verify()).rejects.toMatchObject({ message: "the ID token is not valid: unknown key" });
    expect(issuer.jwksFetches).toBe(1);

    vi.setSystemTime(Date.now() + 301_000);
    await verify();
    expect(issuer.jwksFetches).toBe(2);
    await issuer.rotateKey();
    await expect(verify()).rejects.toMatchObject({ message: "the ID token is not valid: unknown key" });
    expect(issuer.jwksFetches).toBe(2);

    vi.setSystemTime(Date.now() + 601_000);
    await verify();
    expect(issuer.jwksFetches).toBe(3);
  });

  it("refetches cached keys older than jwks_max_age_seconds", async () => {
    const issuer = await issuerStarted();
    const verifier = verifierOf(issuer.jwksUrl, issuer.issuer, { jwks_max_age_seconds: 600 });
    const verify = async () => verifier.verify({ provider: "test", id_token: await issuer.sign({}), nonce });
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    await verify();
    vi.setSystemTime(Date.now() + 599_000);
    await verify();
    expect(issuer.jwksFetches).toBe(1);
    vi.setSystemTime(Date.now() + 2_000);
    await verify();
    expect(issuer.jwksFetches).toBe(2);
  });

  it("is provider_unavailable when the issuer is down", async () => {
    const issuer = await startTestIssuer();
    const token = await issuer.sign({});
    await issuer.close();
    const verifier = verifierOf(issuer.jwksUrl, issuer.issuer);
    await expect(verifier.verify({ provider: "test", id_token: token, nonce })).rejects.toMatchObject(
      unavailable,
    );
  });

  it("is provider_unavailable when the JWKS URL does not answer 200", async () => {
    const issuer = await issuerStarted();
    const verifier = verifierOf(`${issuer.issuer}/no-such-jwks`, issuer.issuer);
    const token = await issuer.sign({});
    await expect(verifier.verify({ provider: "test", id_token: token, nonce })).rejects.toMatchObject(
      unavailable,
    );
  });

  it("is provider_unavailable when the JWKS fetch takes longer than jwks_timeout_seconds", async () => {
    const issuer = await issuerStarted();
    const silent: Server = createServer(() => {
      // Never answers.
    });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    opened.push({
      close: () => {
        silent.closeAllConnections();
        return new Promise((resolve) => silent.close(() => resolve()));
      },
    });
    const jwksUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/jwks`;
    const verifier = verifierOf(jwksUrl, issuer.issuer, { jwks_timeout_seconds: 0.5 });
    const token = await issuer.sign({});
    await expect(verifier.verify({ provider: "test", id_token: token, nonce })).rejects.toMatchObject(
      unavailable,
    );
  });
});
