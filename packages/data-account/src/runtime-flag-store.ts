import type { AccountStatements } from "@venus/database";
import type { GroupCommitWriter } from "@venus/data-common";
import { RuntimeFlags, type RuntimeFlagName, type VenusConfig } from "@venus/model";

/** Runtime flags in memory over the `runtime_flag` table; config gives the values never set. */
export class RuntimeFlagStore {
  private readonly values: RuntimeFlags;

  constructor(
    config: VenusConfig,
    private readonly statements: AccountStatements,
    private readonly writer: GroupCommitWriter,
  ) {
    this.values = { registration_enabled: config.account.registration_enabled };
    for (const { name, value } of statements.loadFlags()) {
      if (name in RuntimeFlags.properties) (this.values as Record<string, unknown>)[name] = JSON.parse(value);
    }
  }

  get<N extends RuntimeFlagName>(name: N): RuntimeFlags[N] {
    return this.values[name];
  }

  all(): RuntimeFlags {
    return { ...this.values };
  }

  /** Durable: resolves after the new value has committed. The value must already be validated. */
  async set<N extends RuntimeFlagName>(name: N, value: RuntimeFlags[N]): Promise<void> {
    this.values[name] = value;
    await this.writer.write(() => this.statements.setFlag(name, JSON.stringify(value)));
  }
}
