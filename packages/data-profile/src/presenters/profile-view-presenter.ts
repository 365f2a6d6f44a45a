import type { Presence } from "@venus/data-common";
import type { ProfileLiveView, ProfileView } from "@venus/model";
import { haversineKm } from "../location/geo.js";
import type { Profile } from "../profile-entity.js";
import { presenceView } from "./presence-view.js";

/** Whole kilometres between two profiles, or null when either has no location. */
export function distanceKm(a: Profile, b: Profile): number | null {
  if (a.latitude === null || a.longitude === null || b.latitude === null || b.longitude === null) return null;
  return Math.round(haversineKm(a.latitude, a.longitude, b.latitude, b.longitude));
}

/** What the live parts of a profile view are read from (the profile context has both). */
export interface LiveSources {
  presence: Presence;
  isVerified: (accountId: string) => boolean;
}

/**
 * The parts of a profile view its version does not cover: the distance, the presence and
 * `verified` (owned by the media component, so it changes without the profile's version).
 */
export function presentProfileLive(
  profile: Profile,
  viewer: Profile | undefined,
  sources: LiveSources,
): ProfileLiveView {
  return {
    distance_km: viewer ? distanceKm(viewer, profile) : null,
    ...presenceView(profile, sources.presence),
    verified: sources.isVerified(profile.accountId),
  };
}

/** What a viewer sees of a profile: accepted texts only, a rounded distance, presence if allowed. */
export function presentProfileView(
  profile: Profile,
  viewer: Profile | undefined,
  sources: LiveSources,
): ProfileView {
  const accepted = (field: Profile["name"]) => (field.state === "accepted" ? field.value : null);
  return {
    account_id: profile.accountId,
    version: profile.version,
    name: accepted(profile.name),
    text: accepted(profile.text),
    age: profile.age,
    gender: profile.gender,
    unlimited_likes: profile.unlimitedLikes,
    attributes: profile.attributes,
    ...presentProfileLive(profile, viewer, sources),
  };
}
