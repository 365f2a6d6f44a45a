import type { Presence } from "@venus/data-common";
import type { BrowseFilters } from "@venus/model";
import type { AttributeCatalog } from "../attributes/attribute-catalog.js";
import type { AttributeSlab } from "../attributes/attribute-slab.js";
import { matchesAttributeFilters } from "../attributes/attribute-matcher.js";
import type { LocationEntry } from "../location/location-index.js";
import { textLength, type Profile } from "../profile-entity.js";
import { mutuallyWanted } from "./mutual-match.js";

export interface PredicateInput {
  viewer: Profile;
  filters: BrowseFilters;
  attributes: AttributeCatalog;
  attributeSlab: AttributeSlab;
  presence: Presence;
  /** Asked per candidate, so a change of verification shows in a running session. */
  isVerified: (accountId: string) => boolean;
  now: () => number;
  /** Accounts never shown to this viewer (blocks, decided by chat). */
  hidden: (accountId: string) => boolean;
}

const acceptedTextLength = (profile: Profile) =>
  profile.text.state === "accepted" ? textLength(profile.text) : 0;

/**
 * Which index entries a viewer's browse session shows: never the viewer nor a hidden account, always
 * a mutual match, and every filter. A profile that hides its last-seen time fails a last-seen filter rather than leak it.
 * Runs for every candidate, so filters are compiled once here.
 */
export function browsePredicate(input: PredicateInput): (entry: LocationEntry<Profile>) => boolean {
  const { viewer, filters, presence } = input;
  const program = filters.attributes?.length
    ? input.attributes.compileFilters(filters.attributes)
    : undefined;
  const seenWithinMs =
    filters.last_seen_within_seconds === undefined ? undefined : filters.last_seen_within_seconds * 1000;
  const textMin = filters.text_length?.min ?? 0;
  const textMax = filters.text_length?.max ?? Infinity;
  return ({ data: candidate }) => {
    if (candidate.accountId === viewer.accountId || !mutuallyWanted(viewer, candidate)) return false;
    if (input.hidden(candidate.accountId)) return false;
    if (filters.unlimited_likes_only && !candidate.unlimitedLikes) return false;
    if (filters.verified_only && !input.isVerified(candidate.accountId)) return false;
    if (filters.created_after !== undefined && candidate.createdAt <= filters.created_after) return false;
    if (filters.edited_after !== undefined && candidate.editedAt <= filters.edited_after) return false;
    if (filters.text_length) {
      const length = acceptedTextLength(candidate);
      if (length < textMin || length > textMax) return false;
    }
    if (seenWithinMs !== undefined) {
      if (!candidate.showLastSeen) return false;
      const online = presence.isOnline(candidate.accountId);
      const seen = presence.lastSeenAt(candidate.accountId);
      if (!online && (seen === undefined || input.now() - seen > seenWithinMs)) return false;
    }
    if (program === undefined) return true;
    const slab = input.attributeSlab;
    return matchesAttributeFilters(slab.words, slab.offset(candidate.attributeSlot), program);
  };
}
