import type { Presence } from "@venus/data-common";
import type { Profile } from "../profile-entity.js";

/** Last seen and online status as others see them: null where the owner hides it. */
export function presenceView(
  profile: Profile,
  presence: Presence,
): { last_seen: number | null; online: boolean | null } {
  return {
    last_seen: profile.showLastSeen ? (presence.lastSeenAt(profile.accountId) ?? null) : null,
    online: profile.showOnline ? presence.isOnline(profile.accountId) : null,
  };
}
