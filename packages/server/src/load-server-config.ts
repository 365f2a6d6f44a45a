import { VenusConfig } from "@venus/model";
import { ConfigError, loadConfig } from "@venus/simple-backend";

export const ENV_PREFIX = "VENUS_";
export const CONFIG_ERROR_EXIT_CODE = 2;

/** Loads and validates the server config; on any bad key prints every problem and exits 2. */
export function loadServerConfig(file: string | undefined): VenusConfig {
  try {
    return loadConfig({ schema: VenusConfig, file, envPrefix: ENV_PREFIX });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`venus: ${error.message}\n`);
    process.exit(CONFIG_ERROR_EXIT_CODE);
  }
}
