import type { FavoritesResponse } from "@venus/model";
import { useEffect, useState } from "preact/hooks";
import { useApp } from "../app-context.js";

/** The account's favourites (`GET /profile/favorites`), and adding or removing one. */
export function useFavorites() {
  const { session } = useApp();
  const [ids, setIds] = useState<string[]>();
  useEffect(() => {
    void session.api
      .get<FavoritesResponse>("/profile/favorites")
      .then((answer) => setIds(answer.account_ids));
  }, []);
  const change = async (accountId: string, add: boolean) => {
    const path = `/profile/favorites/${accountId}`;
    const answer = await (add
      ? session.api.put<FavoritesResponse>(path)
      : session.api.delete<FavoritesResponse>(path));
    setIds(answer.account_ids);
  };
  return { ids, change };
}
