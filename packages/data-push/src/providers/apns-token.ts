import { readFileSync } from "node:fs";
import type { VenusConfig } from "@venus/model";
import { ConfigError } from "@venus/simple-backend";
import { importPKCS8, SignJWT } from "jose";

/** APNs rejects a token older than an hour and one renewed more than every 20 minutes. */
const RENEW_MS = 50 * 60_000;

type KeyLike = Awaited<ReturnType<typeof importPKCS8>>;

/** The provider token: an ES256 JWT (kid = key id, iss = team id), renewed every 50 minutes. */
export class ApnsToken {
  private cached: { token: string; at: number } | undefined;

  private constructor(
    private readonly key: KeyLike,
    private readonly keyId: string,
    private readonly teamId: string,
  ) {}

  /** Reads the .p8 key and checks the ids; a ConfigError names the key at fault. */
  static async load(config: VenusConfig["push"]["apns"]): Promise<ApnsToken> {
    const problem = (key: string, message: string) =>
      new ConfigError("config", [{ path: `/push/apns/${key}`, message }]);
    for (const key of ["key_file", "key_id", "team_id", "topic"] as const)
      if (!config[key]) throw problem(key, "required when push.apns.enabled is true");
    if (!/^[A-Z0-9]{10}$/.test(config.key_id)) throw problem("key_id", "not a 10-character key id");
    if (!/^[A-Z0-9]{10}$/.test(config.team_id)) throw problem("team_id", "not a 10-character team id");
    let key: KeyLike;
    try {
      key = await importPKCS8(readFileSync(config.key_file, "utf8"), "ES256");
    } catch (error) {
      throw problem("key_file", `${config.key_file}: ${(error as Error).message}`);
    }
    return new ApnsToken(key, config.key_id, config.team_id);
  }

  async get(now: number): Promise<string> {
    if (this.cached && now - this.cached.at < RENEW_MS) return this.cached.token;
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: "ES256", kid: this.keyId })
      .setIssuer(this.teamId)
      .setIssuedAt(Math.floor(now / 1000))
      .sign(this.key);
    this.cached = { token, at: now };
    return token;
  }

  /** APNs said ExpiredProviderToken: the next request signs a new one. */
  forget(): void {
    this.cached = undefined;
  }
}
