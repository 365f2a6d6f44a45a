import type { AccountBan, AccountStateResponse } from "@venus/model";
import type { Account, Ban } from "./cache/account-entity.js";

/** A ban as its owner and admins see it. */
export function presentBan(ban: Ban): AccountBan {
  return { until: ban.until === null ? null : new Date(ban.until).toISOString(), reason: ban.reason };
}

export function presentAccountState(account: Account): AccountStateResponse {
  return {
    state: account.state,
    permissions: [...account.permissions].sort(),
    sync_version: account.syncVersion,
    ...(account.ban ? { ban: presentBan(account.ban) } : {}),
  };
}
