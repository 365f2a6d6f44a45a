import type { Account } from "@venus/data-account";
import { isMatch } from "@venus/data-chat";
import { presentProfileLive, presentProfileView, type Profile } from "@venus/data-profile";
import { VenusError, type ProfileResponse } from "@venus/model";
import type { Components } from "./components.js";

/** Whether the account exists and is in use (state `normal`). */
export const isActive = (components: Components, accountId: string): boolean =>
  components.account.cache.accounts.get(accountId)?.state === "normal";

/**
 * Whether `viewer` may see `target`'s profile: their own; any profile with the
 * `view_private_profiles` permission; otherwise never when either blocked the other, and then a
 * public profile of an active account, or whatever its visibility the active account of a match or
 * of someone who liked the viewer (so a like from a private profile can be seen and liked back).
 */
export function canView(components: Components, viewer: Account, target: Profile): boolean {
  if (viewer.id === target.accountId) return true;
  if (viewer.permissions.has("view_private_profiles")) return true;
  if (components.chat.cache.blockedEitherWay(viewer.id, target.accountId)) return false;
  if (components.profile.listing.isPublic(target)) return true;
  const { cache } = components.chat;
  const unlocked =
    isMatch(components.chat, viewer.id, target.accountId) ||
    cache.likesReceived.get(viewer.id)?.has(target.accountId);
  return unlocked === true && isActive(components, target.accountId);
}

/**
 * A profile as `viewer` sees it; `unchanged` without the body when `knownVersion` is current, still
 * with the distance and presence, which change without the version.
 */
export function viewProfile(
  components: Components,
  viewer: Account,
  targetId: string,
  knownVersion: number | undefined,
): ProfileResponse {
  const target = components.profile.cache.profiles.get(targetId);
  if (!target || !canView(components, viewer, target)) throw new VenusError("not_found", "no such profile");
  const own = components.profile.cache.profiles.get(viewer.id);
  const sources = components.profile;
  if (knownVersion === target.version)
    return { unchanged: true, version: target.version, ...presentProfileLive(target, own, sources) };
  return { unchanged: false, profile: presentProfileView(target, own, sources) };
}
