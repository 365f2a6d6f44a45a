import { isIPv4, isIPv6 } from "node:net";

/** The eight 16-bit groups of an IPv6 address (an embedded IPv4 tail counts as two). */
function ipv6Groups(address: string): number[] {
  const [head = "", tail] = address.split("::");
  const parse = (part: string) =>
    part === ""
      ? []
      : part.split(":").flatMap((group) => {
          if (!isIPv4(group)) return [parseInt(group, 16)];
          const [a = 0, b = 0, c = 0, d = 0] = group.split(".").map(Number);
          return [(a << 8) | b, (c << 8) | d];
        });
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

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
