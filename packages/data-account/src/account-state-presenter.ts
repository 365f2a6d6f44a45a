import type { AccountStateResponse } from "@venus/model";
import type { Account } from "./cache/account-entity.js";

export function presentAccountState(account: Account): AccountStateResponse {
  return {
    state: account.state,
    permissions: [...account.permissions].sort(),
    sync_version: account.syncVersion,
  };
}
