import { describe, expect, it } from "vitest";
import { hashesEqual, hashToken, newToken } from "./tokens.js";

describe("newToken", () => {
  it("is 256 random bits in base64url", () => {
    const token = newToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
  });

  it("never repeats", () => {
    const tokens = new Set(Array.from({ length: 1000 }, newToken));
    expect(tokens.size).toBe(1000);
  });
});

describe("hashToken", () => {
  it("is the SHA-256 of the token's UTF-8 bytes, in hex", () => {
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(hashToken("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(hashToken("ä")).not.toBe(hashToken("a"));
  });

  it("gives different hashes for different tokens", () => {
    const a = newToken();
    const b = newToken();
    expect(hashToken(a)).toBe(hashToken(a));
    expect(hashToken(a)).not.toBe(hashToken(b));
  });
});

describe("hashesEqual", () => {
  it("is true only for the same hash", () => {
    const hash = hashToken("token");
    expect(hashesEqual(hash, hashToken("token"))).toBe(true);
    expect(hashesEqual(hash, hash.toUpperCase())).toBe(true);
    expect(hashesEqual(hash, hashToken("other"))).toBe(false);
    const lastDigitChanged = hash.slice(0, -1) + (hash.endsWith("0") ? "1" : "0");
    expect(hashesEqual(hash, lastDigitChanged)).toBe(false);
  });

  it("is false for hashes of different lengths", () => {
    const hash = hashToken("token");
    expect(hashesEqual(hash, hash.slice(0, 32))).toBe(false);
    expect(hashesEqual(hash, `${hash}00`)).toBe(false);
    expect(hashesEqual(hash, "")).toBe(false);
  });
});
