import { BotsFile } from "@venus/model";
import { ConfigError, loadConfig } from "@venus/simple-backend";
import { CONFIG_ERROR_EXIT_CODE } from "../load-server-config.js";

/** The bots config file (`bots.file`; empty: every default); any bad key is exit 2 like the server's config. */
export function loadBotsFile(file: string): BotsFile {
  try {
    return loadConfig({ schema: BotsFile, file: file || undefined, envPrefix: "VENUS_BOTS_FILE__", env: {} });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`venus: ${error.message}\n`);
    process.exit(CONFIG_ERROR_EXIT_CODE);
  }
}
