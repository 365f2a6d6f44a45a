import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from "jose";

/** The claims startTestIssuer signs unless told otherwise (the nonce meets the API's 16-character minimum). */
export const TEST_ID_TOKEN_DEFAULTS = {
  clientId: "venus-test-client",
  subject: "test-subject",
  email: "test.user@example.com",
  nonce: "test-nonce-0123456789",
} as const;

/** A local OpenID provider stand-in: publishes a JWKS over HTTP on 127.0.0.1 and signs ID tokens. */
export interface TestIssuer {
  /** e.g. http://127.0.0.1:PORT */
  issuer: string;
  /** issuer + "/jwks" */
  jwksUrl: string;
  /** How many times the JWKS was fetched. */
  readonly jwksFetches: number;
  /**
   * Signs an ID token: iss = issuer, aud = clientId, sub, email, email_verified: true, nonce (see
   * TEST_ID_TOKEN_DEFAULTS), iat now, exp now + 10 min; `claims` overrides any, or removes it with the value
   * undefined. `options.key` "stranger" signs with a key the JWKS never publishes but under the current
   * key's kid, so the token fails on its signature.
   */
  sign(claims: Record<string, unknown>, options?: { key?: "current" | "stranger" }): Promise<string>;
  /** Makes a new signing key (new kid) current and publishes only it from now on. */
  rotateKey(): Promise<void>;
  close(): Promise<void>;
}

type Alg = "RS256" | "ES256";

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

async function newSigningKey(alg: Alg): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  const kid = randomBytes(12).toString("base64url");
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: "sig" } };
}

export async function startTestIssuer(options: { clientId?: string; alg?: Alg } = {}): Promise<TestIssuer> {
  const alg = options.alg ?? "ES256";
  const clientId = options.clientId ?? TEST_ID_TOKEN_DEFAULTS.clientId;
  let current = await newSigningKey(alg);
  const stranger = await newSigningKey(alg);
  let jwksFetches = 0;

  const server = createServer((request, response) => {
    if (request.method === "GET" && request.url === "/jwks") {
      jwksFetches += 1;
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ keys: [current.publicJwk] }));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    get jwksFetches() {
      return jwksFetches;
    },
    async sign(claims, signOptions = {}) {
      const now = Math.floor(Date.now() / 1000);
      const payload: Record<string, unknown> = {
        iss: issuer,
        aud: clientId,
        sub: TEST_ID_TOKEN_DEFAULTS.subject,
        email: TEST_ID_TOKEN_DEFAULTS.email,
        email_verified: true,
        iat: now,
        exp: now + 600,
        nonce: TEST_ID_TOKEN_DEFAULTS.nonce,
        ...claims,
      };
      for (const [name, value] of Object.entries(payload)) if (value === undefined) delete payload[name];
      const key = signOptions.key === "stranger" ? stranger.privateKey : current.privateKey;
      return new SignJWT(payload).setProtectedHeader({ alg, kid: current.kid, typ: "JWT" }).sign(key);
    },
    async rotateKey() {
      current = await newSigningKey(alg);
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
