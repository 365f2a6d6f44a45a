import type { AutomaticSearchSettings } from "@venus/model";
import { browsePredicate } from "../browse/browse-predicate.js";
import type { ProfileContext } from "../context.js";
import { ProfileIterator } from "../location/profile-iterator.js";
import type { Profile } from "../profile-entity.js";

/**
 * One run's finds for `viewer`: profiles listed after `since` (at most the look-back ago) that pass
 * the viewer's browse filters and the two-sided match, nearest first, at most `max_results`. Scans the
 * index of newly listed profiles only, outwards from the viewer, with browse's own predicate.
 */
export function findNewProfiles(
  ctx: ProfileContext,
  viewer: Profile,
  settings: AutomaticSearchSettings,
  since: number,
  hidden: (accountId: string) => boolean,
): string[] {
  if (viewer.latitude === null || viewer.longitude === null) return [];
  const { filters } = settings;
  const accept = browsePredicate({
    viewer,
    filters,
    attributes: ctx.attributes,
    attributeSlab: ctx.cache.attributeSlab,
    presence: ctx.presence,
    isVerified: ctx.isVerified,
    now: ctx.now,
    hidden,
  });
  const { newProfiles } = ctx;
  const iterator = new ProfileIterator(
    newProfiles.index,
    { lat: viewer.latitude, lon: viewer.longitude },
    { minDistanceKm: filters.min_distance_km ?? 0, maxDistanceKm: filters.max_distance_km ?? Infinity },
    (entry) => (newProfiles.listedAtOf(entry.id) ?? 0) > since && accept(entry),
  );
  return iterator.nextPage(ctx.config.automatic_search.max_results).map((item) => item.id);
}
