import { isIPv4, isIPv6 } from "node:net";
import { ipv6Groups } from "@venus/simple-backend";

/**
 * Where a device connected from, only as precisely as a person needs to recognise it: an IPv4
 * address as its /24, an IPv6 address as its /48 (an IPv4-mapped one as IPv4). Null when the text is
 * not an IP address.
 */
export function coarseAddress(address: string): string | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const ipv4 = mapped ?? address;
  if (isIPv4(ipv4)) return `${ipv4.split(".").slice(0, 3).join(".")}.0/24`;
  if (!isIPv6(address)) return null;
  const [a = 0, b = 0, c = 0] = ipv6Groups(address.split("%")[0] ?? "");
  return `${[a, b, c].map((group) => group.toString(16)).join(":")}::/48`;
}
