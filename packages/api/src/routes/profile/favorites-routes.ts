import { favorite } from "@venus/data-all";
import { favoritesOf, removeFavorite } from "@venus/data-profile";
import { FavoritesResponse } from "@venus/model";
import { json, userRoute } from "../../route.js";

export const listFavoritesRoute = userRoute(
  {
    method: "get",
    path: "/profile/favorites",
    summary: "The caller's favorite profiles, oldest first",
    tag: "profile",
    responses: { 200: { description: "Favorites", schema: FavoritesResponse } },
  },
  ({ auth, deps }) => json(200, { account_ids: favoritesOf(deps.profile, auth.account.id) }),
);

export const addFavoriteRoute = userRoute(
  {
    method: "put",
    path: "/profile/favorites/:account_id",
    summary: "Add a visible profile to the favorites (at most profile.favorites_max)",
    tag: "profile",
    errors: ["not_found", "favorites_full"],
    responses: {
      200: { description: "The favorites now", schema: FavoritesResponse },
    },
  },
  async ({ http, auth, deps }) => {
    await favorite(deps, auth.account, http.params[0] as string);
    return json(200, { account_ids: favoritesOf(deps.profile, auth.account.id) });
  },
);

export const removeFavoriteRoute = userRoute(
  {
    method: "delete",
    path: "/profile/favorites/:account_id",
    summary: "Remove a favorite",
    tag: "profile",
    errors: ["not_found"],
    responses: {
      200: { description: "The favorites now", schema: FavoritesResponse },
    },
  },
  async ({ http, auth, deps }) => {
    await removeFavorite(deps.profile, auth.account.id, http.params[0] as string);
    return json(200, { account_ids: favoritesOf(deps.profile, auth.account.id) });
  },
);
