import type { LocationRequest, PrivacySettings, Visibility } from "@venus/model";
import type { ProfileContext } from "../context.js";
import type { Profile } from "../profile-entity.js";
import { saveProfile } from "./save-profile.js";

/** Stores the exact location; nobody else ever sees it, only a distance in whole kilometres. */
export async function setLocation(
  ctx: ProfileContext,
  profile: Profile,
  location: LocationRequest,
): Promise<void> {
  profile.latitude = location.latitude;
  profile.longitude = location.longitude;
  await saveProfile(ctx, profile);
}

export async function setVisibility(
  ctx: ProfileContext,
  profile: Profile,
  visibility: Visibility,
): Promise<void> {
  profile.visibility = visibility;
  await saveProfile(ctx, profile);
}

export async function setPrivacy(
  ctx: ProfileContext,
  profile: Profile,
  privacy: PrivacySettings,
): Promise<void> {
  profile.showLastSeen = privacy.show_last_seen;
  profile.showOnline = privacy.show_online;
  await saveProfile(ctx, profile);
}
