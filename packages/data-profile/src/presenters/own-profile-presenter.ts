import type { ModeratedText, OwnProfile } from "@venus/model";
import { allowedAgeRange } from "../age-rules.js";
import type { ModeratedField, Profile } from "../profile-entity.js";

function moderated(field: ModeratedField): ModeratedText {
  return field.reason === null
    ? { value: field.value, state: field.state }
    : { value: field.value, state: field.state, reason: field.reason };
}

/** The owner's view: everything, including moderation states and the exact location. */
export function presentOwnProfile(profile: Profile, now: number): OwnProfile {
  return {
    account_id: profile.accountId,
    version: profile.version,
    name: moderated(profile.name),
    text: moderated(profile.text),
    age: profile.age,
    allowed_age: allowedAgeRange(profile.initialAge, profile.initialAgeYear, new Date(now).getUTCFullYear()),
    gender: profile.gender,
    wanted_genders: [...profile.wantedGenders],
    wanted_age: { min: profile.wantedAgeMin, max: profile.wantedAgeMax },
    unlimited_likes: profile.unlimitedLikes,
    attributes: profile.attributes,
    location:
      profile.latitude === null || profile.longitude === null
        ? null
        : { latitude: profile.latitude, longitude: profile.longitude },
    visibility: profile.visibility,
    privacy: { show_last_seen: profile.showLastSeen, show_online: profile.showOnline },
  };
}
