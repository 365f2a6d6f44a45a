import { VenusError } from "@venus/model";
import type { ProfileContext } from "../context.js";
import type { ModeratedFieldName } from "../profile-entity.js";
import { saveProfile } from "./save-profile.js";

export interface ModerationDecision {
  accountId: string;
  field: ModeratedFieldName;
  accept: boolean;
  reason?: string | undefined;
  /** The edit the moderator judged; a newer edit refuses the decision. */
  changedAt?: number | undefined;
}

/** Records an admin's decision on a pending name or text; the owner gets `profile_changed` (and a push). */
export async function moderateText(ctx: ProfileContext, decision: ModerationDecision): Promise<void> {
  const profile = ctx.cache.profiles.get(decision.accountId);
  if (!profile || !ctx.cache.moderation.has(decision.accountId, decision.field)) {
    throw new VenusError("not_found", "nothing of that account and field waits for moderation");
  }
  const field = profile[decision.field];
  if (decision.changedAt !== undefined && decision.changedAt !== field.changedAt)
    throw new VenusError("not_found", "the owner has edited it since; judge the new value");
  profile[decision.field] = {
    value: field.value, // a StoredField's getter: not copied by a spread
    changedAt: field.changedAt,
    state: decision.accept ? "accepted" : "rejected",
    reason: decision.accept ? null : (decision.reason ?? ""),
  };
  ctx.cache.moderation.remove(decision.accountId, decision.field);
  await saveProfile(ctx, profile, "moderation");
}
