import { CLIENT_CONFIG_FLAGS, type ClientConfig, type FlagValue, type RuntimeFlags } from "@venus/model";
import type { AccountContext } from "../context.js";
import { flagName, flagValue } from "../runtime-flag-values.js";

/** One flag's current value; `404 not_found` (naming the flags) for an unknown name. */
export function runtimeFlag(ctx: AccountContext, name: string): FlagValue {
  const flag = flagName(name);
  return { name: flag, value: ctx.flags.get(flag) };
}

/** The flags clients depend on, now. */
export function clientConfig(ctx: AccountContext): ClientConfig {
  return Object.fromEntries(CLIENT_CONFIG_FLAGS.map((name) => [name, ctx.flags.get(name)])) as ClientConfig;
}

/**
 * Sets a flag after checking the value against its schema; it applies at once and is durable when
 * this resolves. A change to a flag clients depend on is pushed to every connection
 * (`client_config_changed`). Resolves with every flag.
 */
export async function setRuntimeFlag(
  ctx: AccountContext,
  name: string,
  value: unknown,
): Promise<RuntimeFlags> {
  const flag = flagName(name);
  const checked = flagValue(flag, value);
  const changed = ctx.flags.get(flag) !== checked;
  await ctx.flags.set(flag, checked);
  if (changed && (CLIENT_CONFIG_FLAGS as string[]).includes(flag)) {
    const data = clientConfig(ctx);
    for (const accountId of [...ctx.connections.onlineAccounts()])
      ctx.connections.publish(accountId, "client_config_changed", data);
  }
  return ctx.flags.all();
}
