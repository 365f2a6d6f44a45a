import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** The Venus version, from this package's package.json. */
export const VENUS_VERSION = (require("../package.json") as { version: string }).version;
