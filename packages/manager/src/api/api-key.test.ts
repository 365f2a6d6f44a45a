import { describe, expect, it } from "vitest";
import { bearerKey, keyMatches } from "./api-key.js";

describe("bearerKey", () => {
  it("reads the key of a Bearer header", () => {
    expect(bearerKey("Bearer abc.DEF-123")).toBe("abc.DEF-123");
    expect(bearerKey("bearer  abc ")).toBe("abc");
  });

  it("refuses anything else", () => {
    expect(bearerKey(undefined)).toBeUndefined();
    expect(bearerKey("")).toBeUndefined();
    expect(bearerKey("Basic abc")).toBeUndefined();
    expect(bearerKey("Bearer")).toBeUndefined();
    expect(bearerKey("Bearer a b")).toBeUndefined();
  });
});

describe("keyMatches", () => {
  it("accepts only the configured key", () => {
    expect(keyMatches("secret-key", "secret-key")).toBe(true);
    expect(keyMatches("secret-kez", "secret-key")).toBe(false);
    expect(keyMatches("secret", "secret-key")).toBe(false);
    expect(keyMatches(undefined, "secret-key")).toBe(false);
  });

  it("never matches when no key is configured", () => {
    expect(keyMatches("", "")).toBe(false);
  });
});
