import { VenusError, type VenusConfig } from "@venus/model";
import { createRemoteJWKSet, errors, type JWTVerifyGetKey } from "jose";

/**
 * The signing keys of one provider, fetched from its JWKS and cached. A token with an unknown key id
 * refetches them, at most once per jwks_min_refresh_seconds. A JWKS that cannot be fetched or read is
 * the provider's fault, not the token's: 503 provider_unavailable.
 */
export function providerKeys(
  provider: VenusConfig["oidc_providers"][number],
  settings: VenusConfig["sign_in"],
): JWTVerifyGetKey {
  const remote = createRemoteJWKSet(new URL(provider.jwks_url), {
    cooldownDuration: settings.jwks_min_refresh_seconds * 1000,
    cacheMaxAge: settings.jwks_max_age_seconds * 1000,
    timeoutDuration: Math.ceil(settings.jwks_timeout_seconds * 1000),
  });
  return async (header, token) => {
    try {
      return await remote(header, token);
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
        throw error;
      }
      // Connection refused is a plain TypeError from fetch; a timeout, a non-200 or bad JSON are jose's.
      throw new VenusError(
        "provider_unavailable",
        `the signing keys of ${provider.name} could not be fetched; try again later`,
      );
    }
  };
}
