import type { BrowseItem } from "@venus/model";
import type { Profile } from "../profile-entity.js";
import { presenceView } from "./presence-view.js";
import type { LiveSources } from "./profile-view-presenter.js";

/** One browse result: enough for the client to fetch or reuse the profile, with a rounded distance. */
export function presentBrowseItem(profile: Profile, distanceKm: number, sources: LiveSources): BrowseItem {
  return {
    account_id: profile.accountId,
    version: profile.version,
    distance_km: Math.round(distanceKm),
    ...presenceView(profile, sources.presence),
    verified: sources.isVerified(profile.accountId),
  };
}
