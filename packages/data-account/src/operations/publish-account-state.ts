import { presentAccountState } from "../account-state-presenter.js";
import type { Account } from "../cache/account-entity.js";
import type { AccountContext } from "../context.js";

/** `account_state_changed` with the whole new state to the account's connected devices. */
export function publishAccountState(ctx: AccountContext, account: Account): void {
  ctx.connections.publish(account.id, "account_state_changed", { ...presentAccountState(account) });
}
