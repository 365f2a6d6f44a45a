import { describe, expect, test } from "vitest";
import { addressGroup } from "./address-group.js";

describe("addressGroup", () => {
  test("IPv4 addresses count alone", () => {
    expect(addressGroup("203.0.113.7")).toBe("203.0.113.7");
    expect(addressGroup("203.0.113.8")).toBe("203.0.113.8");
  });

  test("IPv6 addresses count by their /64, however they are written", () => {
    const group = addressGroup("2001:db8:1:2::1");
    expect(group).toBe("2001:db8:1:2::/64");
    expect(addressGroup("2001:0db8:0001:0002:ffff:0:0:42")).toBe(group);
    expect(addressGroup("2001:db8:1:3::1")).not.toBe(group);
    expect(addressGroup("::1")).toBe("0:0:0:0::/64");
    expect(addressGroup("2001:db8::")).toBe("2001:db8:0:0::/64");
    expect(addressGroup("64:ff9b::192.0.2.33")).toBe("64:ff9b:0:0::/64");
  });

  test("anything else (a link's name) is its own group", () => {
    expect(addressGroup("link:ws://peer:4100/manager/ws")).toBe("link:ws://peer:4100/manager/ws");
  });
});
