import type { ProfileContext } from "../context.js";

/**
 * Account deletion, profile's part: the profile leaves browsing, the moderation queue and memory,
 * its favorites go, and it leaves everyone else's favorites; then profile.sqlite, in one commit.
 * Idempotent.
 */
export async function removeProfile(ctx: ProfileContext, accountId: string): Promise<void> {
  const { cache } = ctx;
  ctx.listing.remove(accountId);
  ctx.automaticSearch.forget(accountId);
  ctx.browse.end(accountId);
  cache.moderation.remove(accountId, "name");
  cache.moderation.remove(accountId, "text");
  const profile = cache.profiles.get(accountId);
  if (profile) {
    cache.attributeSlab.release(profile.attributeSlot);
    cache.profiles.delete(accountId);
  }
  cache.favorites.delete(accountId);
  for (const list of cache.favorites.values()) {
    const at = list.indexOf(accountId);
    if (at >= 0) list.splice(at, 1);
  }
  await ctx.writer.write(() => ctx.statements.deleteAccount(accountId));
}
