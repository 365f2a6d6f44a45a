import { useT } from "../i18n/use-t.js";
import { ProfileCard, useProfile } from "../screens/profile-card.js";
import { useFavorites } from "./favorites.js";

/** The favourites, oldest first; each opens the profile view. */
export function FavoritesList() {
  const t = useT();
  const { ids } = useFavorites();
  return (
    <section aria-labelledby="favorites-title">
      <h1 id="favorites-title">{t("favorites.title")}</h1>
      {ids?.length === 0 && <p class="empty">{t("favorites.empty")}</p>}
      <ul class="people">
        {ids?.map((id) => (
          <Favorite key={id} accountId={id} />
        ))}
      </ul>
    </section>
  );
}

function Favorite({ accountId }: { accountId: string }) {
  const loaded = useProfile(accountId);
  if (!loaded) return null; // no longer visible
  return (
    <li>
      <a href={`#/person/${accountId}`} class="match-link">
        <ProfileCard loaded={loaded} />
      </a>
    </li>
  );
}
