import { BotsFile } from "@venus/model";
import { ConfigError, loadConfig } from "@venus/simple-backend";
import { CONFIG_ERROR_EXIT_CODE } from "../load-server-config.js";

/** The bots config file (`bots.file`; empty: every default); any bad key is exit 2 like the server's config. */
export function loadBotsFile(file: string): BotsFile {
  let settings: BotsFile;
  try {
    settings = loadConfig({
      schema: BotsFile,
      file: file || undefined,
      envPrefix: "VENUS_BOTS_FILE__",
      env: {},
    });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`venus: ${error.message}\n`);
    process.exit(CONFIG_ERROR_EXIT_CODE);
  }
  try {
    if (settings.moderation.reject_pattern) new RegExp(settings.moderation.reject_pattern, "iu");
  } catch (error) {
    process.stderr.write(
      `venus: invalid bots file:\n  - moderation.reject_pattern: ${(error as Error).message}\n`,
    );
    process.exit(CONFIG_ERROR_EXIT_CODE);
  }
  return settings;
}
