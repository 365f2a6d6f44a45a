import type { AccountStatements } from "@venus/database";
import type { GroupCommitWriter } from "@venus/data-common";
import {
  runtimeFlagDefaults,
  type RuntimeFlagName,
  type RuntimeFlagReader,
  type RuntimeFlags,
  type VenusConfig,
} from "@venus/model";
import { flagValue, isFlagName } from "./runtime-flag-values.js";

/**
 * Runtime flags in memory over the `runtime_flag` table; config gives the values never set. A stored
 * value the flag's schema no longer accepts (its bounds changed) is ignored, so the config's applies.
 */
export class RuntimeFlagStore implements RuntimeFlagReader {
  private readonly values: RuntimeFlags;
  private readonly listeners: ((name: RuntimeFlagName) => void)[] = [];

  constructor(
    config: VenusConfig,
    private readonly statements: AccountStatements,
    private readonly writer: GroupCommitWriter,
  ) {
    this.values = runtimeFlagDefaults(config);
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
    this.values[name] = value;
    await this.writer.write(() => this.statements.setFlag(name, JSON.stringify(value)));
    for (const listener of this.listeners) listener(name);
  }

  /** Calls `listener` after each committed change (the server restarts its bots on theirs). */
  onChange(listener: (name: RuntimeFlagName) => void): void {
    this.listeners.push(listener);
  }
}
