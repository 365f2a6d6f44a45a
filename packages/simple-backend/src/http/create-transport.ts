import { NodeListener } from "./node/node-listener.js";
import type { Transport, TransportName } from "./transport.js";
import { loadNativeUws } from "./uws/native-uws.js";
import { UwsListener } from "./uws/uws-listener.js";

export type TransportChoice = "auto" | TransportName;

/** `http.transport = "uws"` without a native uWebSockets.js binary for this Node. */
export class TransportUnavailableError extends Error {
  constructor(reason: string) {
    super(
      `http.transport = "uws" but ${reason}; use "auto" or "node", or install a native build (docs/operations.md)`,
    );
    this.name = "TransportUnavailableError";
  }
}

function nodeTransport(reason: string): Transport {
  return { name: "node", reason, listener: () => new NodeListener() };
}

/**
 * The HTTP and WebSocket transport for `http.transport`: `uws` is uWebSockets.js's native binary (never
 * its JavaScript fallback), `node` is `node:http` with the `ws` server, `auto` takes `uws` when its
 * native binary loads for this Node and `node` otherwise. Every listener of a process uses one transport.
 */
export function createTransport(choice: TransportChoice): Transport {
  if (choice === "node") return nodeTransport("http.transport = node");
  const loaded = loadNativeUws();
  if ("uws" in loaded) {
    const { uws } = loaded;
    const reason =
      choice === "uws"
        ? "http.transport = uws"
        : `auto: a native uWebSockets.js binary loads for Node ${process.version}`;
    return { name: "uws", reason, listener: () => new UwsListener(uws) };
  }
  if (choice === "uws") throw new TransportUnavailableError(loaded.reason);
  return nodeTransport(`auto: ${loaded.reason}`);
}
