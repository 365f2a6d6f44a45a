import type { Presence } from "@venus/data-common";
import type { BrowseItem } from "@venus/model";
import type { Profile } from "../profile-entity.js";
import { presenceView } from "./presence-view.js";

/** One browse result: enough for the client to fetch or reuse the profile, with a rounded distance. */
export function presentBrowseItem(profile: Profile, distanceKm: number, presence: Presence): BrowseItem {
  return {
    account_id: profile.accountId,
    version: profile.version,
    distance_km: Math.round(distanceKm),
    ...presenceView(profile, presence),
  };
}
