import type { Profile } from "./profile-entity.js";
import type { LocationIndex } from "./location/location-index.js";

/** Told when a profile enters, moves within or leaves the listing (after start-up). */
export interface ListingWatcher {
  listed(profile: Profile, entered: boolean): void;
  unlisted(accountId: string): void;
}

/**
 * Keeps the location index equal to the rule: a profile is listed while it is public, has a
 * location, and its account is active (state `normal`). Entries hold the live Profile object, so
 * the iterator always filters on current data.
 */
export class Listing {
  private watcher: ListingWatcher | undefined;

  constructor(
    readonly index: LocationIndex<Profile>,
    readonly accountActive: (accountId: string) => boolean,
  ) {}

  watch(watcher: ListingWatcher): void {
    this.watcher = watcher;
  }

  /** Public and of an active account: what others may see (whether or not it has a location). */
  isPublic(profile: Profile): boolean {
    return profile.visibility === "public" && this.accountActive(profile.accountId);
  }

  sync(profile: Profile): void {
    if (this.isPublic(profile) && profile.latitude !== null && profile.longitude !== null) {
      const entered = this.index.get(profile.accountId) === undefined;
      this.index.upsert(profile.accountId, profile.latitude, profile.longitude, profile);
      this.watcher?.listed(profile, entered);
    } else {
      this.remove(profile.accountId);
    }
  }

  remove(accountId: string): void {
    if (this.index.remove(accountId)) this.watcher?.unlisted(accountId);
  }
}
