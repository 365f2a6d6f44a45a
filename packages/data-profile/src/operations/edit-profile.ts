import { type ProfileEditRequest, invalidField } from "@venus/model";
import { allowedAgeRange } from "../age-rules.js";
import type { ProfileContext } from "../context.js";
import type { ModeratedField, Profile } from "../profile-entity.js";
import { saveProfile } from "./save-profile.js";

/** A changed name or text goes back to moderation; an empty text needs none. */
function revised(field: ModeratedField, value: string, now: number): ModeratedField {
  if (value === field.value) return field;
  return { value, state: value === "" ? "accepted" : "pending", reason: null, changedAt: now };
}

/** The owner's edit of the whole profile; durable, bumps the version, sends `profile_changed`. */
export async function editProfile(
  ctx: ProfileContext,
  profile: Profile,
  request: ProfileEditRequest,
): Promise<void> {
  const now = ctx.now();
  const name = ctx.textRules.name(request.name);
  const text = ctx.textRules.text(request.text);
  const allowed = allowedAgeRange(profile.initialAge, profile.initialAgeYear, new Date(now).getUTCFullYear());
  if (request.age < allowed.min || request.age > allowed.max) {
    throw invalidField("age", `must be between ${allowed.min} and ${allowed.max}`);
  }
  const attributes = request.attributes
    ? ctx.attributes.acceptAnswers(request.attributes)
    : profile.attributes;
  if (request.wanted_age.min > request.wanted_age.max) {
    throw invalidField("wanted_age", "min must not be above max");
  }
  profile.name = revised(profile.name, name, now);
  profile.text = revised(profile.text, text, now);
  for (const field of ["name", "text"] as const) {
    if (profile[field].state === "pending") {
      ctx.cache.moderation.add({ accountId: profile.accountId, field, changedAt: profile[field].changedAt });
    } else {
      ctx.cache.moderation.remove(profile.accountId, field);
    }
  }
  profile.age = request.age;
  profile.gender = request.gender;
  profile.wantedGenders = [...request.wanted_genders];
  profile.wantedAgeMin = request.wanted_age.min;
  profile.wantedAgeMax = request.wanted_age.max;
  profile.unlimitedLikes = request.unlimited_likes;
  profile.attributes = attributes;
  ctx.cache.encodeAttributes(attributes, profile.attributeSlot);
  profile.editedAt = now;
  await saveProfile(ctx, profile);
  if (profile.name.state === "pending" || profile.text.state === "pending")
    ctx.moderationQueued.raise("texts");
}
