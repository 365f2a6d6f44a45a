import { banAccount, unbanAccount, unlockAccount, type Account } from "@venus/data-account";
import type { BanRequest } from "@venus/model";
import type { Components } from "./components.js";

/**
 * Puts the account's profile in or out of the browse index after its state changed: only accounts
 * in use are listed. Profile views, likes and chat check the state on every call by themselves.
 */
export function relist(components: Components, accountId: string): void {
  const profile = components.profile.cache.profiles.get(accountId);
  if (profile) components.profile.listing.sync(profile);
}

/** Bans the account and takes its profile out of browsing at once. */
export async function banProfileAccount(
  components: Components,
  admin: Account | null,
  target: Account,
  request: BanRequest,
): Promise<void> {
  const done = banAccount(components.account, admin, target, request);
  relist(components, target.id);
  await done;
}

/** Lifts the ban and lists the profile again when its settings allow. */
export async function unbanProfileAccount(components: Components, target: Account): Promise<void> {
  const done = unbanAccount(components.account, target);
  relist(components, target.id);
  await done;
}

/**
 * Puts a banned or locked account back in use (`venus admin activate`): lifts the ban (the account gets
 * back the state it had) and the lock; an account with neither is left as it is.
 */
export async function activateAccount(components: Components, target: Account): Promise<void> {
  if (target.state === "banned") await unbanProfileAccount(components, target);
  if (target.locked) await unlockAccount(components.account, target);
}
