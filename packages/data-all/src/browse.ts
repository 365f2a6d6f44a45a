import { resetBrowse, type Profile } from "@venus/data-profile";
import type { BrowseResetRequest } from "@venus/model";
import type { Components } from "./components.js";

/** A new browse session that never shows an account the viewer blocked or that blocked the viewer. */
export function startBrowsing(components: Components, viewer: Profile, request: BrowseResetRequest): string {
  const { cache } = components.chat;
  return resetBrowse(components.profile, viewer, request, (id) =>
    cache.blockedEitherWay(viewer.accountId, id),
  );
}
