import { VenusError } from "@venus/model";
import type { Account } from "../cache/account-entity.js";

/**
 * A banned account, and one to be deleted, keeps only its own account routes (`/account/…`: see why
 * and until when, cancel the deletion, export its data, log out); every other route answers
 * `403 account_banned` or `403 account_pending_deletion`.
 */
export function requireRouteOpen(account: Account, path: string): void {
  if (path.startsWith("/account/")) return;
  if (account.state === "banned") throw new VenusError("account_banned");
  if (account.state === "pending_deletion") throw new VenusError("account_pending_deletion");
}
