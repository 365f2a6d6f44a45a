import { VenusError } from "@venus/model";
import type { ProfileContext } from "../context.js";

export function favoritesOf(ctx: ProfileContext, accountId: string): string[] {
  return [...(ctx.cache.favorites.get(accountId) ?? [])];
}

/**
 * Adds a favorite (the caller has checked the target is visible to the owner); durable. Adding one
 * already there changes nothing; a full list is `favorites_full`.
 */
export async function addFavorite(ctx: ProfileContext, accountId: string, favoriteId: string): Promise<void> {
  const list = ctx.cache.favorites.get(accountId) ?? [];
  if (list.includes(favoriteId)) return;
  if (list.length >= ctx.config.profile.favorites_max) {
    throw new VenusError("favorites_full", `at most ${ctx.config.profile.favorites_max} favorites`);
  }
  list.push(favoriteId);
  ctx.cache.favorites.set(accountId, list);
  const row = { account_id: accountId, favorite_id: favoriteId, added_at: ctx.now() };
  await ctx.writer.write(() => ctx.statements.addFavorite(row));
}

export async function removeFavorite(
  ctx: ProfileContext,
  accountId: string,
  favoriteId: string,
): Promise<void> {
  const list = ctx.cache.favorites.get(accountId);
  const at = list?.indexOf(favoriteId) ?? -1;
  if (!list || at < 0) throw new VenusError("not_found", "not a favorite");
  list.splice(at, 1);
  await ctx.writer.write(() => ctx.statements.removeFavorite(accountId, favoriteId));
}
