import { VenusError } from "@venus/model";
import { errors } from "jose";

/** 401 invalid_id_token naming the reason, e.g. "signature", "expired" or "nonce". */
export function invalidIdToken(reason: string): VenusError {
  return new VenusError("invalid_id_token", `the ID token is not valid: ${reason}`);
}

/** The VenusError for an error jwtVerify threw; an error that is not jose's is returned as it is. */
export function idTokenError(error: unknown): unknown {
  if (error instanceof VenusError) return error;
  if (error instanceof errors.JWTExpired) return invalidIdToken("expired");
  if (error instanceof errors.JWTClaimValidationFailed) return invalidIdToken(claimReason(error));
  if (error instanceof errors.JWSSignatureVerificationFailed) return invalidIdToken("signature");
  if (error instanceof errors.JOSEAlgNotAllowed) return invalidIdToken("algorithm");
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return invalidIdToken("unknown key");
  }
  if (error instanceof errors.JOSEError) return invalidIdToken("malformed");
  return error;
}

function claimReason(error: errors.JWTClaimValidationFailed): string {
  if (error.claim === "iss") return "issuer";
  if (error.claim === "aud") return "audience";
  if (error.reason === "check_failed" && (error.claim === "nbf" || error.claim === "iat")) {
    return "not yet valid";
  }
  // A required claim missing, or a time claim that is not a number.
  return "malformed";
}
