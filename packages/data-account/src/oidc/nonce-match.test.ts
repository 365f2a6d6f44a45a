import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { nonceMatches } from "./nonce-match.js";

const nonce = "n-0123456789abcdef";
const sha256 = createHash("sha256").update(nonce).digest("hex");

describe("nonceMatches", () => {
  it("plain: the claim is the nonce itself", () => {
    expect(nonceMatches(nonce, nonce, "plain")).toBe(true);
    expect(nonceMatches(`${nonce}x`, nonce, "plain")).toBe(false);
    expect(nonceMatches(nonce.slice(1), nonce, "plain")).toBe(false);
    expect(nonceMatches(sha256, nonce, "plain")).toBe(false);
  });

  it("sha256: the claim is the lowercase hex SHA-256 of the nonce", () => {
    expect(nonceMatches(sha256, nonce, "sha256")).toBe(true);
    expect(nonceMatches(sha256.toUpperCase(), nonce, "sha256")).toBe(false);
    expect(nonceMatches(nonce, nonce, "sha256")).toBe(false);
  });

  it("refuses a missing or non-string claim and an empty nonce", () => {
    for (const claim of [undefined, null, 42, [nonce], { nonce }]) {
      expect(nonceMatches(claim, nonce, "plain")).toBe(false);
    }
    expect(nonceMatches("", "", "plain")).toBe(false);
  });
});
