import type { Profile } from "../profile-entity.js";
import { profileToRow } from "../profile-entity.js";
import type { ProfileContext } from "../context.js";

/**
 * Commits a changed profile: bumps its version, updates the location index, writes the whole row,
 * and tells the owner's devices.
 * The caller has already changed the cached profile.
 */
export async function saveProfile(ctx: ProfileContext, profile: Profile): Promise<void> {
  profile.version++;
  ctx.listing.sync(profile);
  const row = profileToRow(profile);
  await ctx.writer.write(() => ctx.statements.saveProfile(row));
  ctx.connections.publish(profile.accountId, "profile_changed", { version: profile.version });
}
