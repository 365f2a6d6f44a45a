import { describe, expect, it } from "vitest";
import {
  clientAddress,
  isAddressOrRange,
  normalizeAddress,
  NO_TRUSTED_PROXIES,
  trustedProxies,
} from "./remote-address.js";

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

const headers = (entries: Record<string, string>) => new Map(Object.entries(entries));
const LOCAL = trustedProxies(["127.0.0.1", "::1"]);
const CHAIN = trustedProxies(["10.0.0.0/8", "fd00::/8"]);

describe("clientAddress", () => {
  it("ignores forged forwarding headers when no proxy is trusted", () => {
    const forged = headers({ "x-forwarded-for": "198.51.100.1", forwarded: "for=198.51.100.2" });
    expect(clientAddress("203.0.113.9", forged, NO_TRUSTED_PROXIES)).toBe("203.0.113.9");
    expect(clientAddress("::ffff:127.0.0.1", forged, NO_TRUSTED_PROXIES)).toBe("127.0.0.1");
  });

  it("ignores the header from a peer that is not a trusted proxy", () => {
    const forged = headers({ "x-forwarded-for": "198.51.100.1" });
    expect(clientAddress("203.0.113.9", forged, LOCAL)).toBe("203.0.113.9");
    expect(clientAddress("11.0.0.1", forged, CHAIN)).toBe("11.0.0.1");
  });

  it("takes the rightmost hop, not what the client wrote on the left", () => {
    // nginx's $proxy_add_x_forwarded_for: the client's own header, then the address nginx saw.
    const appended = headers({ "x-forwarded-for": "198.51.100.1, 1.2.3.4, 203.0.113.9" });
    expect(clientAddress("127.0.0.1", appended, LOCAL)).toBe("203.0.113.9");
    expect(clientAddress("0000:0000:0000:0000:0000:ffff:7f00:0001", appended, LOCAL)).toBe("203.0.113.9");
  });

  it("skips hops that are trusted proxies, in IPv4 and IPv6 ranges", () => {
    const chain = headers({ "x-forwarded-for": "198.51.100.1, 2001:db8::7, fd00::1:2, 10.1.2.3" });
    expect(clientAddress("10.9.9.9", chain, CHAIN)).toBe("2001:db8::7");
    expect(clientAddress("fd12::1", chain, CHAIN)).toBe("2001:db8::7");
  });

  it("gives the leftmost hop when every hop is a trusted proxy", () => {
    expect(clientAddress("10.0.0.1", headers({ "x-forwarded-for": "10.0.0.3, 10.0.0.2" }), CHAIN)).toBe(
      "10.0.0.3",
    );
  });

  it("keeps the peer when the header is absent or empty", () => {
    expect(clientAddress("127.0.0.1", headers({}), LOCAL)).toBe("127.0.0.1");
    expect(clientAddress("127.0.0.1", headers({ "x-forwarded-for": "" }), LOCAL)).toBe("127.0.0.1");
  });

  it("stops at a hop that is not an address, at the last address known to be true", () => {
    expect(clientAddress("127.0.0.1", headers({ "x-forwarded-for": "1.2.3.4, garbage" }), LOCAL)).toBe(
      "127.0.0.1",
    );
    const chain = headers({ "x-forwarded-for": "1.2.3.4, unknown, 10.0.0.5" });
    expect(clientAddress("10.0.0.1", chain, CHAIN)).toBe("10.0.0.5");
  });

  it("reads ports and brackets off hops", () => {
    const hops = headers({ "x-forwarded-for": "[2001:db8::1]:4711" });
    expect(clientAddress("127.0.0.1", hops, LOCAL)).toBe("2001:db8::1");
    expect(clientAddress("127.0.0.1", headers({ "x-forwarded-for": "203.0.113.9:5000" }), LOCAL)).toBe(
      "203.0.113.9",
    );
    expect(clientAddress("127.0.0.1", headers({ "x-forwarded-for": "::ffff:203.0.113.9" }), LOCAL)).toBe(
      "203.0.113.9",
    );
  });

  it("reads the for= parameters of RFC 7239 Forwarded when that is the proxies' header", () => {
    const forwardedProxies = trustedProxies(["127.0.0.1"], "forwarded");
    const value = 'for=198.51.100.1;proto=http, For="[2001:db8:cafe::17]:4711";by=127.0.0.1';
    expect(clientAddress("127.0.0.1", headers({ forwarded: value }), forwardedProxies)).toBe(
      "2001:db8:cafe::17",
    );
    expect(clientAddress("127.0.0.1", headers({ forwarded: "for=unknown" }), forwardedProxies)).toBe(
      "127.0.0.1",
    );
    expect(clientAddress("127.0.0.1", headers({ forwarded: "proto=https" }), forwardedProxies)).toBe(
      "127.0.0.1",
    );
  });

  it("reads only the header the proxies write: the other is the client's to forge", () => {
    const both = headers({ "x-forwarded-for": "203.0.113.9", forwarded: "for=198.51.100.1" });
    expect(clientAddress("127.0.0.1", both, LOCAL)).toBe("203.0.113.9");
    expect(clientAddress("127.0.0.1", both, trustedProxies(["127.0.0.1"], "forwarded"))).toBe("198.51.100.1");
  });
});

describe("isAddressOrRange", () => {
  it("accepts addresses and ranges of both families", () => {
    for (const text of [
      "127.0.0.1",
      "10.0.0.0/8",
      "0.0.0.0/0",
      "1.2.3.4/32",
      "::1",
      "fd00::/8",
      "::/0",
      "::1/128",
    ])
      expect(isAddressOrRange(text)).toBe(true);
  });

  it("refuses anything else", () => {
    for (const text of [
      "",
      "/8",
      "10.0.0.0/33",
      "::/129",
      "10.0.0.0/-1",
      "10.0.0.0/ 8",
      "10.0.0.0/8/8",
      "localhost",
      "10.0.0.0/08x",
    ])
      expect(isAddressOrRange(text)).toBe(false);
  });
});
