import type { Profile } from "./profile-entity.js";
import type { LocationIndex } from "./location/location-index.js";

/**
 * Keeps the location index equal to the rule: a profile is listed while it is public, has a
 * location, and its account is active (state `normal`). Entries hold the live Profile object, so
 * the iterator always filters on current data.
 */
export class Listing {
  constructor(
    readonly index: LocationIndex<Profile>,
    private readonly accountActive: (accountId: string) => boolean,
  ) {}

  /** Public and of an active account: what others may see (whether or not it has a location). */
  isPublic(profile: Profile): boolean {
    return profile.visibility === "public" && this.accountActive(profile.accountId);
  }

  sync(profile: Profile): void {
    if (this.isPublic(profile) && profile.latitude !== null && profile.longitude !== null) {
      this.index.upsert(profile.accountId, profile.latitude, profile.longitude, profile);
    } else {
      this.index.remove(profile.accountId);
    }
  }
}
