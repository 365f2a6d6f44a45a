import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** This package's version, sent as `hello.client.version` unless a client names its own. */
export const BOT_CLIENT_VERSION = (require("../package.json") as { version: string }).version;
