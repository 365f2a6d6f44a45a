import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export type Uws = typeof import("uWebSockets.js");
export type { HttpRequest, HttpResponse, TemplatedApp, WebSocket, us_listen_socket } from "uWebSockets.js";

const require = createRequire(import.meta.url);

/** The file name uWebSockets.js gives the binary built for this platform and Node ABI. */
export function nativeBinaryName(): string {
  return `uws_${process.platform}_${process.arch}_${process.versions.modules}.node`;
}

/**
 * The binary for this Node in the package whose entry point is `entry`: beside it (an upstream build,
 * `uws.js` at the package root) or in the package's `binaries/` folder (the npm registry copy, whose
 * entry point is `src/uws.js`).
 */
export function nativeBinaryPath(entry: string): string | undefined {
  const folders = [dirname(entry), join(dirname(entry), "binaries"), join(dirname(entry), "..", "binaries")];
  return folders.map((folder) => join(folder, nativeBinaryName())).find((path) => existsSync(path));
}

/**
 * Loads the native uWebSockets.js binary for this Node directly, never the package's entry point: the
 * copy on the npm registry silently falls back to a slow JavaScript implementation there. Whatever is
 * installed under the module name `uWebSockets.js` is used: the registry copy keeps its binaries in
 * `binaries/`, an upstream build beside its `uws.js`.
 */
export function loadNativeUws(): { uws: Uws } | { reason: string } {
  loaded ??= load();
  return loaded;
}

let loaded: { uws: Uws } | { reason: string } | undefined;

function load(): { uws: Uws } | { reason: string } {
  let entry: string;
  try {
    entry = require.resolve("uWebSockets.js");
  } catch {
    return { reason: "uWebSockets.js is not installed" };
  }
  const binary = nativeBinaryPath(entry);
  if (!binary)
    return {
      reason: `the installed uWebSockets.js has no ${nativeBinaryName()} for Node ${process.version}`,
    };
  try {
    // What require() does for a .node file, without letting the package's entry point choose.
    const addon = { exports: {} };
    process.dlopen(addon, binary);
    return { uws: addon.exports as Uws };
  } catch (error) {
    return { reason: `${binary} does not load: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** The native uWebSockets.js, or an error saying why it does not load (for the bare uWS baselines). */
export function requireNativeUws(): Uws {
  const loaded = loadNativeUws();
  if ("uws" in loaded) return loaded.uws;
  throw new Error(`no native uWebSockets.js: ${loaded.reason}`);
}
