import { readFileSync } from "node:fs";
import { ConfigError } from "@venus/simple-backend";
import { importPKCS8, SignJWT } from "jose";

export interface ServiceAccount {
  project_id: string;
  client_email: string;
  private_key: string;
}

const SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
/** Renew this long before the access token expires. */
const EARLY_MS = 5 * 60_000;

/** Reads and checks the service account key file; a ConfigError names the key and the problem. */
export function readServiceAccount(file: string): ServiceAccount {
  const problem = (message: string) =>
    new ConfigError("config", [{ path: "/push/fcm/service_account_file", message }]);
  if (!file) throw problem("required when push.fcm.enabled is true");
  let parsed: Partial<ServiceAccount>;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<ServiceAccount>;
  } catch (error) {
    throw problem(`${file}: ${(error as Error).message}`);
  }
  for (const key of ["project_id", "client_email", "private_key"] as const)
    if (typeof parsed[key] !== "string" || !parsed[key]) throw problem(`${file} has no ${key}`);
  return parsed as ServiceAccount;
}

/**
 * OAuth2 access tokens for FCM: a JWT signed with the service account's RS256 key, exchanged at the
 * token endpoint (RFC 7523), cached until shortly before it expires.
 */
export class FcmAccessTokens {
  private cached: { token: string; until: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly account: ServiceAccount,
    private readonly tokenUrl: string,
    private readonly timeoutMs: number,
  ) {}

  /** Checks that the private key parses (at start-up). */
  async check(): Promise<void> {
    try {
      await importPKCS8(this.account.private_key, "RS256");
    } catch (error) {
      throw new ConfigError("config", [
        { path: "/push/fcm/service_account_file", message: `private_key: ${(error as Error).message}` },
      ]);
    }
  }

  get(now: number): Promise<string> {
    if (this.cached && now < this.cached.until) return Promise.resolve(this.cached.token);
    this.pending ??= this.fetch(now).finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** The provider said the token is not (or no longer) good. */
  forget(): void {
    this.cached = undefined;
  }

  private async fetch(now: number): Promise<string> {
    const key = await importPKCS8(this.account.private_key, "RS256");
    const seconds = Math.floor(now / 1000);
    const assertion = await new SignJWT({ scope: SCOPE })
      .setProtectedHeader({ alg: "RS256", typ: "JWT" })
      .setIssuer(this.account.client_email)
      .setAudience(this.tokenUrl)
      .setIssuedAt(seconds)
      .setExpirationTime(seconds + 3600)
      .sign(key);
    const answer = await fetch(this.tokenUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const body = (await answer.json().catch(() => ({}))) as { access_token?: string; expires_in?: number };
    if (!answer.ok || !body.access_token)
      throw new Error(`token endpoint answered ${answer.status}: ${JSON.stringify(body)}`);
    this.cached = { token: body.access_token, until: now + (body.expires_in ?? 3600) * 1000 - EARLY_MS };
    return body.access_token;
  }
}
