import { expect, it } from "vitest";
import { coarseAddress } from "./coarse-address.js";

it("keeps an IPv4 address's /24", () => {
  expect(coarseAddress("203.0.113.77")).toBe("203.0.113.0/24");
  expect(coarseAddress("127.0.0.1")).toBe("127.0.0.0/24");
});

it("keeps an IPv6 address's /48, whatever its notation", () => {
  expect(coarseAddress("2001:db8:abcd:12:1::7")).toBe("2001:db8:abcd::/48");
  expect(coarseAddress("2001:0DB8:00ab:ffff:0:0:0:1")).toBe("2001:db8:ab::/48");
  expect(coarseAddress("2001:db8::1")).toBe("2001:db8:0::/48");
  expect(coarseAddress("::1")).toBe("0:0:0::/48");
  expect(coarseAddress("fe80::1%eth0")).toBe("fe80:0:0::/48");
  expect(coarseAddress("64:ff9b::192.0.2.33")).toBe("64:ff9b:0::/48");
});

it("treats an IPv4-mapped IPv6 address as IPv4", () => {
  expect(coarseAddress("::ffff:198.51.100.9")).toBe("198.51.100.0/24");
});

it("answers null for text that is no address", () => {
  expect(coarseAddress("")).toBeNull();
  expect(coarseAddress("localhost")).toBeNull();
  expect(coarseAddress("1.2.3.4.5")).toBeNull();
});
