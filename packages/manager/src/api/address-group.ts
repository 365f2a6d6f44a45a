import { isIPv6 } from "node:net";
import { ipv6Groups } from "@venus/simple-backend";

/**
 * Whose wrong keys count together: an IPv4 address alone, an IPv6 address by its /64 — one
 * machine usually has a whole /64, and counting each address alone would let it guess without delay.
 */
export function addressGroup(address: string): string {
  if (!isIPv6(address)) return address;
  const prefix = ipv6Groups(address)
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(":");
  return `${prefix}::/64`;
}
