import { BlockList, isIP } from "node:net";

const MAPPED_V4 = /^(?:(?:0{1,4}:){5}|::)ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i;

/** The peer address as text, with IPv4-mapped IPv6 written as plain IPv4. */
export function normalizeAddress(text: string): string {
  const mapped = MAPPED_V4.exec(text);
  if (!mapped) return text.replace(/^::ffff:(?=\d+\.)/i, "");
  const high = Number.parseInt(mapped[1] as string, 16);
  const low = Number.parseInt(mapped[2] as string, 16);
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}

/** Which header a trusted proxy writes the chain of client addresses into. */
export type ProxyHeader = "x-forwarded-for" | "forwarded";

/** The proxies whose forwarding header is believed, and which header that is. */
export interface TrustedProxies {
  readonly list: BlockList;
  /** No entries: every peer is the client, without asking the list (a check costs an allocation). */
  readonly none: boolean;
  readonly header: ProxyHeader;
}

function familyOf(address: string): "ipv4" | "ipv6" | undefined {
  const version = isIP(address);
  return version === 4 ? "ipv4" : version === 6 ? "ipv6" : undefined;
}

/** `10.0.0.1`, `10.0.0.0/8`, `::1`, `fd00::/8`: the parts of one entry, or undefined when it is not one. */
function parseEntry(text: string): { address: string; prefix?: number } | undefined {
  const [address = "", prefixText, extra] = text.trim().split("/");
  const family = familyOf(address);
  if (!family || extra !== undefined) return undefined;
  if (prefixText === undefined) return { address };
  const prefix = Number(prefixText);
  const max = family === "ipv4" ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefixText) || prefix > max) return undefined;
  return { address, prefix };
}

/** True for an IP address or a CIDR range (IPv4 or IPv6): what `http.trusted_proxies` may hold. */
export function isAddressOrRange(text: string): boolean {
  return parseEntry(text) !== undefined;
}

/** Builds the trusted set once; every entry must pass `isAddressOrRange` (config validation checks it). */
export function trustedProxies(
  entries: readonly string[],
  header: ProxyHeader = "x-forwarded-for",
): TrustedProxies {
  const list = new BlockList();
  for (const text of entries) {
    const entry = parseEntry(text);
    if (!entry) throw new Error(`not an IP address or CIDR range: ${JSON.stringify(text)}`);
    const family = familyOf(entry.address) as "ipv4" | "ipv6";
    if (entry.prefix === undefined) list.addAddress(entry.address, family);
    else list.addSubnet(entry.address, entry.prefix, family);
  }
  return { list, none: entries.length === 0, header };
}

/** No proxy is trusted: the peer address is the client's. */
export const NO_TRUSTED_PROXIES = trustedProxies([]);

function isTrusted(trusted: TrustedProxies, address: string): boolean {
  if (trusted.none) return false;
  const family = familyOf(address);
  return family !== undefined && trusted.list.check(address, family);
}

/** One hop of a forwarding header as a plain address: quotes, `[v6]` brackets and ports removed. */
function hopAddress(text: string): string | undefined {
  let hop = text.trim().replace(/^"(.*)"$/, "$1");
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(hop);
  if (bracketed) hop = bracketed[1] as string;
  else if (/^[\d.]+:\d+$/.test(hop)) hop = hop.slice(0, hop.indexOf(":"));
  return familyOf(hop) ? normalizeAddress(hop) : undefined;
}

/** The hops of the chosen header, leftmost (furthest from us) first; unreadable hops are undefined. */
function forwardedChain(headers: ReadonlyMap<string, string>, header: ProxyHeader): (string | undefined)[] {
  const value = headers.get(header);
  if (!value) return [];
  if (header === "x-forwarded-for") return value.split(",").map(hopAddress);
  return value.split(",").map((element) => {
    const pair = element
      .split(";")
      .map((p) => p.trim())
      .find((p) => p.toLowerCase().startsWith("for="));
    return pair === undefined ? undefined : hopAddress(pair.slice(4));
  });
}

/**
 * The client's address. The forwarding header is read only when the peer is a trusted proxy; then the
 * chain is walked from the right (the hop our proxy wrote) and the first hop that is not itself a trusted
 * proxy is the client. Hops left of it are whatever the client chose to send, so they are never believed.
 * A hop that is not an address stops the walk at the last address known to be true.
 */
export function clientAddress(
  peerText: string,
  headers: ReadonlyMap<string, string>,
  trusted: TrustedProxies,
): string {
  let client = normalizeAddress(peerText);
  if (!isTrusted(trusted, client)) return client;
  const chain = forwardedChain(headers, trusted.header);
  for (let i = chain.length - 1; i >= 0; i--) {
    const hop = chain[i];
    if (hop === undefined) return client;
    client = hop;
    if (!isTrusted(trusted, hop)) return hop;
  }
  return client;
}
