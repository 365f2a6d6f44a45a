import { createHash } from "node:crypto";
import type { VenusConfig } from "@venus/model";
import { hashesEqual, hashToken } from "../tokens.js";

export type NonceForm = VenusConfig["oidc_providers"][number]["nonce"];

/**
 * Whether a token's `nonce` claim carries the client's nonce: as it is ("plain"), or as the lowercase hex
 * SHA-256 of it ("sha256", Sign in with Apple on iOS).
 */
export function nonceMatches(claim: unknown, nonce: string, form: NonceForm): boolean {
  if (typeof claim !== "string" || nonce === "") return false;
  const expected = form === "sha256" ? createHash("sha256").update(nonce, "utf8").digest("hex") : nonce;
  // Hashing both sides first gives equal-length inputs, so the comparison is constant-time whatever they hold.
  return hashesEqual(hashToken(claim), hashToken(expected));
}
