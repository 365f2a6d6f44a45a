import { isIP } from "node:net";
import { VenusError } from "@venus/model";
import type { HttpRequestContext } from "@venus/simple-backend";

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

/**
 * The loopback listeners (bots, admin) bind to 127.0.0.1; this refuses any other peer too, in case a
 * proxy forwards to them, with the answer of an unknown route.
 */
export function requireLoopback(http: HttpRequestContext): void {
  if (isIP(http.remoteAddress) === 0 || !LOOPBACK.has(http.remoteAddress))
    throw new VenusError("not_found", "no such route");
}
