import type { AdminAccountView, AdminList } from "@venus/model";
import { presentBan, presentDeletion } from "./account-state-presenter.js";
import type { Account } from "./cache/account-entity.js";
import type { AccountContext } from "./context.js";

/** An account as admins with `view_accounts` see it. */
export function presentAdminAccount(ctx: AccountContext, account: Account): AdminAccountView {
  return {
    account_id: account.id,
    email: account.email,
    state: account.state,
    locked: account.locked,
    ban: account.ban ? presentBan(account.ban) : null,
    ...(account.deletion ? { deletion: presentDeletion(account.deletion) } : {}),
    permissions: [...account.permissions].sort(),
    bot: account.bot,
    created_at: account.createdAt,
    last_seen_at: ctx.presence.lastSeenAt(account.id) ?? null,
    online: ctx.connections.isOnline(account.id),
    sessions: ctx.cache.sessionsByAccount.get(account.id)?.size ?? 0,
  };
}

/** Every account with at least one permission, by email. */
export function presentAdmins(ctx: AccountContext): AdminList {
  const admins = [...ctx.cache.accounts.values()]
    .filter((account) => account.permissions.size > 0)
    .sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
  return { admins: admins.map((account) => presentAdminAccount(ctx, account)) };
}
