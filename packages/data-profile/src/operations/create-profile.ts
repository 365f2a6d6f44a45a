import type { Gender } from "@venus/model";
import type { ProfileContext } from "../context.js";
import type { Profile } from "../profile-entity.js";
import { MAX_AGE, MIN_AGE } from "../age-rules.js";
import { saveProfile } from "./save-profile.js";

export interface NewProfile {
  accountId: string;
  name: string;
  age: number;
  gender: Gender;
  wantedGenders: Gender[];
}

/**
 * Creates the profile when setup completes (or replaces an unfinished one, so a retried setup is
 * safe): private, no location, the name waiting for moderation, every age wanted.
 */
export async function createProfile(ctx: ProfileContext, input: NewProfile): Promise<Profile> {
  const now = ctx.now();
  const name = ctx.textRules.name(input.name);
  const existing = ctx.cache.profiles.get(input.accountId);
  const profile: Profile = {
    accountId: input.accountId,
    version: existing?.version ?? 0,
    name: { value: name, state: "pending", reason: null, changedAt: now },
    text: { value: "", state: "accepted", reason: null, changedAt: now },
    age: input.age,
    initialAge: input.age,
    initialAgeYear: new Date(now).getUTCFullYear(),
    gender: input.gender,
    wantedGenders: [...input.wantedGenders],
    wantedAgeMin: MIN_AGE,
    wantedAgeMax: MAX_AGE,
    unlimitedLikes: false,
    attributes: {},
    attributeSlot: ctx.cache.encodeAttributes({}, existing?.attributeSlot),
    latitude: null,
    longitude: null,
    visibility: "private",
    showLastSeen: true,
    showOnline: true,
    createdAt: existing?.createdAt ?? now,
    editedAt: now,
  };
  ctx.cache.profiles.set(profile.accountId, profile);
  ctx.cache.moderation.add({ accountId: profile.accountId, field: "name", changedAt: now });
  ctx.cache.moderation.remove(profile.accountId, "text");
  await saveProfile(ctx, profile);
  ctx.moderationQueued.raise("texts");
  return profile;
}
