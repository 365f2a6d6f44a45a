import { accountShownChanged } from "@venus/data-chat";
import type { Components } from "./components.js";

/**
 * After an account went out of use or came back (a ban or its end, a deletion asked for, cancelled or
 * begun): its profile goes out of or back into the browse index at once, and the others' match and
 * received-like lists that name it move their versions and are announced. Profile views, likes and
 * chat check the state on every call by themselves. Resolves once the versions are durable.
 */
export function accountUseChanged(components: Components, accountId: string): Promise<void> {
  const profile = components.profile.cache.profiles.get(accountId);
  if (profile) components.profile.listing.sync(profile);
  return accountShownChanged(components.chat, accountId);
}
