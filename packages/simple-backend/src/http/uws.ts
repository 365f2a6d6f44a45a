import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export type Uws = typeof import("uWebSockets.js");
export type { HttpRequest, HttpResponse, TemplatedApp, WebSocket, us_listen_socket } from "uWebSockets.js";

const require = createRequire(import.meta.url);

export class SlowFallbackError extends Error {
  constructor() {
    super(
      "uWebSockets.js could not load its native binary and fell back to its slow JavaScript implementation; " +
        "refusing to start (set allow_slow_fallback = true to run anyway)",
    );
    this.name = "SlowFallbackError";
  }
}

/**
 * Loads uWebSockets.js. The package silently falls back to a JavaScript implementation when its native
 * binary does not load; we detect that by checking that the native module is what the package returned.
 */
export function loadUws(allowSlowFallback: boolean): {
  uws: Uws;
  native: boolean;
} {
  const uws = require("uWebSockets.js") as Uws;
  const packageDir = dirname(require.resolve("uWebSockets.js/package.json"));
  const binary = join(
    packageDir,
    "binaries",
    `uws_${process.platform}_${process.arch}_${process.versions.modules}.node`,
  );
  const native = require.cache[binary]?.exports === uws;
  if (!native && !allowSlowFallback) throw new SlowFallbackError();
  return { uws, native };
}
