import type { PushKind } from "@venus/model";
import type { Profile } from "../profile-entity.js";
import { profileToRow } from "../profile-entity.js";
import type { ProfileContext } from "../context.js";

/**
 * Commits a changed profile: bumps its version, updates the location index, writes the whole row,
 * and tells the owner's devices (`push`: and, in the same commit, queues that push for them).
 * The caller has already changed the cached profile.
 */
export async function saveProfile(ctx: ProfileContext, profile: Profile, push?: PushKind): Promise<void> {
  profile.version++;
  ctx.listing.sync(profile);
  const row = profileToRow(profile);
  await ctx.writer.write(() => {
    ctx.statements.saveProfile(row);
    if (push) ctx.push.record(profile.accountId, push);
  });
  ctx.connections.publish(profile.accountId, "profile_changed", { version: profile.version });
}
