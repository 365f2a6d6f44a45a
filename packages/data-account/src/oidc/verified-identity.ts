import { VenusError, type VenusConfig } from "@venus/model";
import type { JWTPayload } from "jose";
import { nonceMatches } from "./nonce-match.js";
import { invalidIdToken } from "./id-token-error.js";

/** Who a valid ID token says the user is. */
export interface VerifiedIdentity {
  provider: string;
  subject: string;
  /** Lower-cased and trimmed, and verified by the provider; undefined when the token carries none. */
  email: string | undefined;
  /** The token's `exp` in unix ms: the caller refuses a replay of the token until then. */
  expiresAt: number;
}

/**
 * The identity in claims whose signature, issuer, audience, exp and nbf jose has checked: checks what
 * jose does not (iat in the future, nonce, sub, a verified email).
 */
export function verifiedIdentity(
  provider: VenusConfig["oidc_providers"][number],
  claims: JWTPayload,
  nonce: string,
  clockSkewSeconds: number,
  now: number,
): VerifiedIdentity {
  if (claims.iat !== undefined && claims.iat > now / 1000 + clockSkewSeconds) {
    throw invalidIdToken("not yet valid");
  }
  if (!nonceMatches(claims.nonce, nonce, provider.nonce)) throw invalidIdToken("nonce");
  if (typeof claims.sub !== "string" || claims.sub === "" || claims.exp === undefined) {
    throw invalidIdToken("malformed");
  }
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : "";
  const identity = { provider: provider.name, subject: claims.sub, expiresAt: claims.exp * 1000 };
  // Without an address the token still names a linked identity; only linking and registering need one.
  if (email === "") return { ...identity, email: undefined };
  // Apple sends the flag as the string "true".
  if (claims.email_verified !== true && claims.email_verified !== "true") {
    throw new VenusError("email_not_verified");
  }
  return { ...identity, email };
}
