import type { AccountBan, AccountDeletion, AccountStateResponse } from "@venus/model";
import type { Account, Ban, Deletion } from "./cache/account-entity.js";

/** A ban as its owner and admins see it. */
export function presentBan(ban: Ban): AccountBan {
  return { until: ban.until === null ? null : new Date(ban.until).toISOString(), reason: ban.reason };
}

/** A pending deletion as its owner and admins see it. */
export const presentDeletion = (deletion: Deletion): AccountDeletion => ({
  at: new Date(deletion.at).toISOString(),
});

export function presentAccountState(account: Account): AccountStateResponse {
  return {
    state: account.state,
    permissions: [...account.permissions].sort(),
    sync_version: account.syncVersion,
    ...(account.ban ? { ban: presentBan(account.ban) } : {}),
    ...(account.deletion ? { deletion: presentDeletion(account.deletion) } : {}),
    ...(account.language === null ? {} : { language: account.language }),
  };
}
