import { VenusError, type BrowsePage, type BrowseResetRequest, invalidField, retryLater } from "@venus/model";
import { browsePredicate } from "../browse/browse-predicate.js";
import { mutualKeyMatch, profileMatchKey } from "../browse/match-key.js";
import { secondsUntilTomorrow } from "@venus/data-common";
import type { ProfileContext } from "../context.js";
import { ProfileIterator } from "../location/profile-iterator.js";
import type { Profile } from "../profile-entity.js";
import { presentBrowseItem } from "../presenters/browse-item-presenter.js";

function dailyLimitReached(now: number): VenusError {
  return retryLater("rate_limited", secondsUntilTomorrow(now), "the daily browsing limit is reached");
}

/**
 * Starts a new browse session from the viewer's location, replacing the previous one. `hidden`
 * accounts never show, even when that changes during the session.
 */
export function resetBrowse(
  ctx: ProfileContext,
  viewer: Profile,
  request: BrowseResetRequest,
  hidden: (accountId: string) => boolean,
): string {
  if (viewer.latitude === null || viewer.longitude === null) {
    throw new VenusError("invalid_state", "set a location before browsing");
  }
  const filters = request.filters ?? {};
  const minKm = filters.min_distance_km ?? 0;
  const maxKm = filters.max_distance_km ?? Infinity;
  if (minKm > maxKm) throw invalidField("min_distance_km", "must not be above max_distance_km");
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
  const now = ctx.now();
  const use = ctx.browse.today(viewer.accountId, now);
  if (use.resets >= ctx.flags.get("daily_page_resets")) throw dailyLimitReached(now);
  use.resets++;
  const start = request.random_start ? Math.random() * ctx.config.profile.random_start_max_km : 0;
  const iterator = new ProfileIterator(
    ctx.listing.index,
    { lat: viewer.latitude, lon: viewer.longitude },
    {
      minDistanceKm: Math.min(Math.max(minKm, start), maxKm),
      maxDistanceKm: maxKm,
      acceptKey: mutualKeyMatch(profileMatchKey(viewer)),
    },
    accept,
  );
  return ctx.browse.start(viewer.accountId, iterator).id;
}

/** The next page of the viewer's current browse session, nearest first. */
export function nextBrowsePage(ctx: ProfileContext, viewer: Profile, sessionId: string): BrowsePage {
  const session = ctx.browse.current(viewer.accountId);
  if (!session || session.id !== sessionId) throw new VenusError("browse_session_expired");
  const now = ctx.now();
  const use = ctx.browse.today(viewer.accountId, now);
  if (use.pages >= ctx.flags.get("daily_pages")) throw dailyLimitReached(now);
  use.pages++;
  const items = session.iterator.nextPage(ctx.config.profile.page_size);
  return {
    profiles: items.map(({ data, distanceKm }) => presentBrowseItem(data, distanceKm, ctx)),
    done: session.iterator.done,
  };
}
