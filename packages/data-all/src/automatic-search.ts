import { automaticSearchPage, runDueAutomaticSearches, type Profile } from "@venus/data-profile";
import type { AutomaticSearchResults } from "@venus/model";
import type { Components } from "./components.js";

/** Runs every automatic search due now, batch after batch; blocks either way are never found. */
export async function runAutomaticSearches(components: Components): Promise<number> {
  const { cache } = components.chat;
  const hidden = (viewerId: string, otherId: string) => cache.blockedEitherWay(viewerId, otherId);
  let total = 0;
  for (;;) {
    const ran = await runDueAutomaticSearches(components.profile, hidden);
    total += ran;
    if (ran === 0) return total;
  }
}

/** A page of the viewer's last automatic search, without accounts blocked either way since. */
export function automaticSearchResultsOf(
  components: Components,
  viewer: Profile,
  offset: number,
): AutomaticSearchResults {
  const { cache } = components.chat;
  return automaticSearchPage(components.profile, viewer, offset, (id) =>
    cache.blockedEitherWay(viewer.accountId, id),
  );
}
