import { banAccount, unbanAccount, unlockAccount, type Account } from "@venus/data-account";
import type { BanRequest } from "@venus/model";
import { accountUseChanged } from "./account-in-use.js";
import type { Components } from "./components.js";

/** Bans the account and takes its profile out of browsing at once. */
export async function banProfileAccount(
  components: Components,
  admin: Account | null,
  target: Account,
  request: BanRequest,
): Promise<void> {
  const done = banAccount(components.account, admin, target, request);
  await Promise.all([done, accountUseChanged(components, target.id)]);
}

/** Lifts the ban and lists the profile again when its settings allow. */
export async function unbanProfileAccount(components: Components, target: Account): Promise<void> {
  const done = unbanAccount(components.account, target);
  await Promise.all([done, accountUseChanged(components, target.id)]);
}

/**
 * Puts a banned or locked account back in use (`venus admin activate`): lifts the ban (the account gets
 * back the state it had) and the lock; an account with neither is left as it is.
 */
export async function activateAccount(components: Components, target: Account): Promise<void> {
  if (target.state === "banned") await unbanProfileAccount(components, target);
  if (target.locked) await unlockAccount(components.account, target);
}
