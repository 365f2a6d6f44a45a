import type { BrowseFilters } from "@venus/model";

/** The filters a browse session starts with until the person chooses others. */
export const DEFAULT_FILTERS: BrowseFilters = { max_distance_km: 100 };

const key = (accountId: string) => `venus-browse-filters-${accountId}`;

/**
 * Browse filters are kept on the device (the server keeps them only for one browse session); the
 * age range is the profile's own `wanted_age`, which the server keeps.
 */
export function savedFilters(accountId: string): BrowseFilters {
  const saved = localStorage.getItem(key(accountId));
  if (!saved) return DEFAULT_FILTERS;
  try {
    return JSON.parse(saved) as BrowseFilters;
  } catch {
    return DEFAULT_FILTERS;
  }
}

export function saveFilters(accountId: string, filters: BrowseFilters): void {
  localStorage.setItem(key(accountId), JSON.stringify(filters));
}
