import { loadNativeUws, type TransportName } from "@venus/simple-backend";

/**
 * The transports the protocol tests run against: both where uWebSockets.js has a native binary for
 * this Node, `node` alone where it has none. `VENUS_HTTP__TRANSPORT` (which overrides every config
 * file the tests write) narrows it to that one, as the CI's transport legs do.
 */
export function transportsUnderTest(): TransportName[] {
  const forced = process.env.VENUS_HTTP__TRANSPORT;
  if (forced === "uws" || forced === "node") return [forced];
  return "uws" in loadNativeUws() ? ["uws", "node"] : ["node"];
}
