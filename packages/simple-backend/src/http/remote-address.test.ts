import { describe, expect, it } from "vitest";
import { normalizeAddress } from "./remote-address.js";

describe("normalizeAddress", () => {
  it("writes IPv4-mapped IPv6 in uWebSockets.js's long form as plain IPv4", () => {
    expect(normalizeAddress("0000:0000:0000:0000:0000:ffff:7f00:0001")).toBe("127.0.0.1");
    expect(normalizeAddress("0000:0000:0000:0000:0000:FFFF:C0A8:01FE")).toBe("192.168.1.254");
    expect(normalizeAddress("0:0:0:0:0:ffff:a00:1")).toBe("10.0.0.1");
    expect(normalizeAddress("0000:0000:0000:0000:0000:ffff:ffff:ffff")).toBe("255.255.255.255");
  });

  it("writes the compressed mapped forms as plain IPv4", () => {
    expect(normalizeAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(normalizeAddress("::FFFF:203.0.113.9")).toBe("203.0.113.9");
    expect(normalizeAddress("::ffff:cb00:7109")).toBe("203.0.113.9");
  });

  it("leaves plain IPv4 and real IPv6 addresses as they are", () => {
    for (const address of [
      "203.0.113.9",
      "::1",
      "0000:0000:0000:0000:0000:0000:0000:0001",
      "2001:0db8:0000:0000:0000:ff00:0042:8329",
      "2001:db8::ffff:1:2",
      "0000:0000:0000:0000:ffff:0000:7f00:0001",
      "::ffff:1",
    ])
      expect(normalizeAddress(address)).toBe(address);
  });
});
