import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A new random token: 256 bits, base64url. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Tokens are stored and looked up only as SHA-256 hashes (hex). */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Constant-time comparison of two hex hashes of equal length. */
export function hashesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  // Buffer.from silently drops non-hex characters: only whole, equal-length hashes compare.
  return (
    left.length * 2 === a.length &&
    right.length * 2 === b.length &&
    left.length === right.length &&
    timingSafeEqual(left, right)
  );
}
