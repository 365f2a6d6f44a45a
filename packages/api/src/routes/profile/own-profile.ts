import type { Authenticated } from "@venus/data-account";
import type { Profile } from "@venus/data-profile";
import { VenusError } from "@venus/model";
import type { ApiDeps } from "../../api-deps.js";

/** The caller's profile; it exists once setup is complete. */
export function ownProfile(deps: ApiDeps, auth: Authenticated): Profile {
  const profile = deps.profile.cache.profiles.get(auth.account.id);
  if (!profile) throw new VenusError("invalid_state", "complete the account setup first");
  return profile;
}
