import { VenusError } from "@venus/model";
import type { Account } from "../cache/account-entity.js";

/**
 * A banned account keeps only its own account routes (`/account/…`: see why and until when, log out,
 * and whatever else concerns the account itself); every other route answers `403 account_banned`.
 */
export function requireRouteOpen(account: Account, path: string): void {
  if (account.state === "banned" && !path.startsWith("/account/")) throw new VenusError("account_banned");
}
