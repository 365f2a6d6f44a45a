/** The manager API's address as a client on this machine reaches it: a wildcard listener on loopback. */
export function apiUrl(host: string, port: number, scheme: "http" | "ws" = "http"): string {
  const local = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  return `${scheme}://${local.includes(":") ? `[${local}]` : local}:${port}`;
}
