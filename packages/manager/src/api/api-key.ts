import { createHash, timingSafeEqual } from "node:crypto";

/** The key of an `Authorization: Bearer <key>` header, or undefined. */
export function bearerKey(header: string | undefined): string | undefined {
  const match = header === undefined ? null : /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return match?.[1];
}

const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();

/**
 * Whether `given` is the configured key, in time independent of where they differ: both are hashed
 * first, so even their lengths stay hidden. An empty configured key matches nothing.
 */
export function keyMatches(given: string | undefined, expected: string): boolean {
  if (given === undefined || expected === "") return false;
  return timingSafeEqual(digest(given), digest(expected));
}
