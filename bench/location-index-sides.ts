/** The two sides of the location index benchmark: the index, and a plain array scanned and sorted. */
import {
  LocationIndex,
  haversineKm,
  type LocationEntry,
} from "../packages/data-profile/src/location/index.js";
import {
  FINLAND,
  matches,
  matchKeyOf,
  type MatchFilter,
  type Profiles,
  type randomViewer,
} from "./location-index-data.js";

export type Viewer = ReturnType<typeof randomViewer>;

/** The baseline: filter everything, sort all matches by distance, take page `n`. */
export function plainScanPage(
  entries: readonly LocationEntry<MatchFilter>[],
  viewer: Viewer,
  n: number,
  pageSize: number,
) {
  const found: { id: string; distanceKm: number }[] = [];
  for (const entry of entries) {
    if (matches(viewer.filter, entry.data))
      found.push({ id: entry.id, distanceKm: haversineKm(viewer.lat, viewer.lon, entry.lat, entry.lon) });
  }
  found.sort((a, b) => a.distanceKm - b.distanceKm);
  return found.slice(n * pageSize, (n + 1) * pageSize);
}

export function buildPlain(profiles: Profiles): LocationEntry<MatchFilter>[] {
  const entries: LocationEntry<MatchFilter>[] = [];
  for (let i = 0; i < profiles.ids.length; i++) {
    entries.push({
      id: profiles.ids[i] as string,
      lat: profiles.lat[i] as number,
      lon: profiles.lon[i] as number,
      data: profiles.filters[i] as MatchFilter,
      cell: 0,
    });
  }
  return entries;
}

export function buildIndex(profiles: Profiles, cellKm: number): LocationIndex<MatchFilter> {
  const index = new LocationIndex<MatchFilter>(FINLAND, cellKm, matchKeyOf);
  for (let i = 0; i < profiles.ids.length; i++) {
    index.upsert(
      profiles.ids[i] as string,
      profiles.lat[i] as number,
      profiles.lon[i] as number,
      profiles.filters[i] as MatchFilter,
    );
  }
  return index;
}
