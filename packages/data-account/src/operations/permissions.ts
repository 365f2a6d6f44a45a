import { VenusError, type Permission } from "@venus/model";
import { permissionsJson, type Account } from "../cache/account-entity.js";
import type { AccountContext } from "../context.js";
import { publishAccountState } from "./publish-account-state.js";

/**
 * Sets the whole permission set of `target`; durable; its devices get `account_state_changed`. An
 * admin cannot take `manage_admins` from themself, so someone can always manage admins (`admin` null:
 * the command line, `venus admin`).
 */
export async function setPermissions(
  ctx: AccountContext,
  admin: Account | null,
  target: Account,
  permissions: readonly Permission[],
): Promise<void> {
  const next = new Set(permissions);
  if (target.id === admin?.id && !next.has("manage_admins"))
    throw new VenusError("cannot_remove_own_manage_admins");
  target.permissions = next;
  target.syncVersion++;
  const { id, state, syncVersion } = target;
  const json = permissionsJson(target);
  await ctx.writer.write(() => ctx.statements.updateState(id, state, json, syncVersion));
  publishAccountState(ctx, target);
}
