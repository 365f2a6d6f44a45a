import { BotsFile, ModerationRuleFlagValues, moderationRulesWithFlags } from "@venus/model";
import { compileValidator, ConfigError, loadConfig } from "@venus/simple-backend";
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
 * lacking one, a rule that is on (in the bots file, or by its runtime flag) would silently never
 * fire, so the server refuses to start (exit 2).
 */
export function refuseMissingDetectors(missing: readonly { rule: string; needs: string }[]): never {
  const lines = missing.map(
    ({ rule, needs }) => `  - moderation.${rule} (flag moderation_${rule}) needs the ${needs} detector`,
  );
  process.stderr.write(
    `venus: media.detectors is missing detectors that moderation rules need (switch the rules off in the bots file or by their runtime flags, or the detectors on):\n${lines.join("\n")}\n`,
  );
  process.exit(CONFIG_ERROR_EXIT_CODE);
}

const checkRuleFlags = compileValidator(ModerationRuleFlagValues);

/** The bots file's rules with the server's rule flags (`--rule-flags`, JSON) in their place. */
export function moderationRulesFromFlags(
  rules: BotsFile["moderation"],
  json: string,
): BotsFile["moderation"] {
  const result = checkRuleFlags(JSON.parse(json));
  if (!result.ok) throw new Error(`--rule-flags: ${result.issues.map((i) => i.message).join("; ")}`);
  const flags = result.value;
  return moderationRulesWithFlags(rules, {
    // Only the rule flags are read (moderation-rule-flags.ts).
    get: (name) => flags[name as keyof ModerationRuleFlagValues] as never,
  });
}
