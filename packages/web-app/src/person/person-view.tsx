import { useState } from "preact/hooks";
import { useT } from "../i18n/use-t.js";
import { ProfileCard, useProfile } from "../screens/profile-card.js";
import { ErrorLine, useAction } from "../screens/use-action.js";
import { useFavorites } from "./favorites.js";
import { ProfileReportForm } from "./profile-report-form.js";

/** Another person's whole profile (every photo, text, attributes): favourite it or report it. */
export function PersonView({ accountId }: { accountId: string }) {
  const t = useT();
  const loaded = useProfile(accountId);
  const favorites = useFavorites();
  const [reporting, setReporting] = useState(false);
  const { busy, error, run } = useAction();
  if (loaded === null) return <p class="empty">{t("person.gone")}</p>;
  if (!loaded) return <p class="loading">{t("common.loading")}</p>;
  const favorite = favorites.ids?.includes(accountId) ?? false;
  return (
    <section class="person">
      <header class="row">
        <button type="button" class="link" aria-label={t("common.back")} onClick={() => history.back()}>
          ←
        </button>
      </header>
      <ProfileCard loaded={loaded} full />
      <div class="actions">
        <button
          type="button"
          aria-pressed={favorite}
          disabled={busy || !favorites.ids}
          onClick={() => void run(() => favorites.change(accountId, !favorite))}
        >
          {favorite ? t("person.unfavorite") : t("person.favorite")}
        </button>
        <button type="button" class="small" onClick={() => setReporting(!reporting)}>
          {t("report_profile.open")}
        </button>
      </div>
      <ErrorLine error={error} />
      {reporting && <ProfileReportForm loaded={loaded} onDone={() => setReporting(false)} />}
    </section>
  );
}
