import type { AccountStatements } from "@venus/database";
import type { GroupCommitWriter } from "@venus/data-common";
import {
  moderationRulesWithFlags,
  rulesMissingDetectors,
  runtimeFlagDefaults,
  VenusError,
  type BotsFile,
  type RuntimeFlagName,
  type RuntimeFlagReader,
  type RuntimeFlags,
  type VenusConfig,
} from "@venus/model";
import { flagValue, isFlagName } from "./runtime-flag-values.js";

/**
 * Runtime flags in memory over the `runtime_flag` table; config (for the moderation rule flags, the
 * bots file's rules) gives the values never set. A stored value the flag's schema no longer accepts
 * (its bounds changed) is ignored, so the config's applies.
 */
export class RuntimeFlagStore implements RuntimeFlagReader {
  private readonly values: RuntimeFlags;
  private readonly listeners: ((name: RuntimeFlagName) => void)[] = [];

  constructor(
    private readonly config: VenusConfig,
    private readonly moderationRules: BotsFile["moderation"],
    private readonly statements: AccountStatements,
    private readonly writer: GroupCommitWriter,
  ) {
    this.values = runtimeFlagDefaults(config, moderationRules);
    const values = this.values as Record<RuntimeFlagName, unknown>;
    for (const { name, value } of statements.loadFlags()) {
      if (!isFlagName(name)) continue;
      try {
        values[name] = flagValue(name, JSON.parse(value));
      } catch {
        // Keeps the config's value.
      }
    }
  }

  get<N extends RuntimeFlagName>(name: N): RuntimeFlags[N] {
    return this.values[name];
  }

  all(): RuntimeFlags {
    return { ...this.values };
  }

  /**
   * Durable: resolves after the new value has committed; it applies at once, and the listeners hear
   * of it after the commit. The value must already be validated.
   */
  async set<N extends RuntimeFlagName>(name: N, value: RuntimeFlags[N]): Promise<void> {
    const missing = this.rulesMissingDetectors({ ...this.values, [name]: value });
    if (missing.length > 0)
      throw new VenusError(
        "detector_off",
        missing.map(({ rule, needs }) => `${rule} needs the ${needs} detector`).join("; "),
      );
    this.values[name] = value;
    await this.writer.write(() => this.statements.setFlag(name, JSON.stringify(value)));
    for (const listener of this.listeners) listener(name);
  }

  /**
   * The moderation rules (bots file, rule flags in its place) that are on while their detector is
   * not in `media.detectors`; the server refuses to start with any, and a flag change that would
   * make one is refused.
   */
  rulesMissingDetectors(values: RuntimeFlags = this.values): { rule: string; needs: string }[] {
    const rules = moderationRulesWithFlags(this.moderationRules, { get: (name) => values[name] });
    return rulesMissingDetectors(rules, this.config.media.detectors);
  }

  /** The bots file's moderation rules with the rule flags' values in their place. */
  moderationRulesNow(): BotsFile["moderation"] {
    return moderationRulesWithFlags(this.moderationRules, this);
  }

  /** Calls `listener` after each committed change (the server restarts its bots on theirs). */
  onChange(listener: (name: RuntimeFlagName) => void): void {
    this.listeners.push(listener);
  }
}
