import { BotsFile, rulesMissingDetectors, type VenusConfig } from "@venus/model";
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

/**
 * The moderation rules that read detector findings need those detectors on: with `media.detectors`
 * lacking one, a rule that is on would silently never fire, so the server refuses to start (exit 2).
 */
export function checkDetectorRules(config: VenusConfig): void {
  const missing = rulesMissingDetectors(loadBotsFile(config.bots.file).moderation, config.media.detectors);
  if (missing.length === 0) return;
  const lines = missing.map(({ rule, needs }) => `  - moderation.${rule} needs the ${needs} detector`);
  process.stderr.write(
    `venus: media.detectors is missing detectors that moderation rules in the bots file need (switch the rules off or the detectors on):\n${lines.join("\n")}\n`,
  );
  process.exit(CONFIG_ERROR_EXIT_CODE);
}
