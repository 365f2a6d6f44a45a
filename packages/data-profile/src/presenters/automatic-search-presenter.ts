import type { AutomaticSearchResults } from "@venus/model";
import type { ProfileContext } from "../context.js";
import { haversineKm } from "../location/geo.js";
import type { Profile } from "../profile-entity.js";
import { presentBrowseItem } from "./browse-item-presenter.js";

/**
 * A page of the viewer's last automatic search, as browse cards at today's distance. A find that is
 * no longer listed or is now hidden from the viewer is left out of its page (`count` still says how
 * many the run found).
 */
export function automaticSearchPage(
  ctx: ProfileContext,
  viewer: Profile,
  offset: number,
  hidden: (accountId: string) => boolean,
): AutomaticSearchResults {
  const state = ctx.automaticSearch.states.get(viewer.accountId);
  const results = state?.results ?? [];
  const size = ctx.config.profile.page_size;
  const profiles = [];
  for (const id of results.slice(offset, offset + size)) {
    const entry = ctx.listing.index.get(id);
    if (!entry || hidden(id) || viewer.latitude === null || viewer.longitude === null) continue;
    const distance = haversineKm(viewer.latitude, viewer.longitude, entry.lat, entry.lon);
    profiles.push(presentBrowseItem(entry.data, distance, ctx));
  }
  return {
    version: state?.version ?? 0,
    run_at: state?.lastRunAt ?? null,
    count: results.length,
    profiles,
    next_offset: offset + size < results.length ? offset + size : null,
  };
}
