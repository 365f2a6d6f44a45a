import { VenusError, type VenusConfig } from "@venus/model";
import { ConfigError } from "@venus/simple-backend";
import { jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { idTokenError } from "./id-token-error.js";
import { providerKeys } from "./provider-keys.js";
import { verifiedIdentity, type VerifiedIdentity } from "./verified-identity.js";

export type { VerifiedIdentity };

type OidcProvider = VenusConfig["oidc_providers"][number];

/** Asymmetric algorithms only: a symmetric one would let anyone holding a client id forge tokens. */
const ALGORITHMS = [
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "ES512",
  "EdDSA",
  "Ed25519",
];

/** Verifies OpenID Connect ID tokens of the configured providers. */
export class OidcVerifier {
  private readonly providers = new Map<string, { config: OidcProvider; keys: JWTVerifyGetKey }>();

  /** Throws a ConfigError when two providers share a name. */
  constructor(
    providers: VenusConfig["oidc_providers"],
    private readonly settings: VenusConfig["sign_in"],
  ) {
    providers.forEach((config, index) => {
      if (this.providers.has(config.name))
        throw new ConfigError("configuration", [
          { path: `/oidc_providers/${index}/name`, message: `another provider is named ${config.name}` },
        ]);
      this.providers.set(config.name, { config, keys: providerKeys(config, settings) });
    });
  }

  /** The configured provider of this name, if any. */
  provider(name: string): OidcProvider | undefined {
    return this.providers.get(name)?.config;
  }

  /** The identity in a valid ID token; throws invalid_id_token, email_not_verified, provider_unavailable. */
  async verify(request: { provider: string; id_token: string; nonce: string }): Promise<VerifiedIdentity> {
    const provider = this.providers.get(request.provider);
    if (!provider) throw new VenusError("unknown_provider");
    const skew = this.settings.oidc_clock_skew_seconds;
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(request.id_token, provider.keys, {
        issuer: provider.config.issuers,
        audience: provider.config.client_ids,
        clockTolerance: skew,
        algorithms: ALGORITHMS,
        requiredClaims: ["exp", "sub"],
      }));
    } catch (error) {
      throw idTokenError(error);
    }
    return verifiedIdentity(provider.config, claims, request.nonce, skew, Date.now());
  }
}
