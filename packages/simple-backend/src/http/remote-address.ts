const MAPPED_V4 = /^(?:(?:0{1,4}:){5}|::)ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i;

/** The peer address as text, with IPv4-mapped IPv6 written as plain IPv4. */
export function normalizeAddress(text: string): string {
  const mapped = MAPPED_V4.exec(text);
  if (!mapped) return text.replace(/^::ffff:(?=\d+\.)/i, "");
  const high = Number.parseInt(mapped[1] as string, 16);
  const low = Number.parseInt(mapped[2] as string, 16);
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}

/** The client's address: the TCP peer's (`peerAddress`, as the transport gives it), or a proxy's word for it. */
export function remoteAddressOf(
  peerAddress: string,
  headers: Map<string, string>,
  trustForwardedFor: boolean,
): string {
  if (trustForwardedFor) {
    const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  return normalizeAddress(peerAddress);
}
