import { useApp } from "../app-context.js";
import { useT } from "../i18n/use-t.js";
import type { LoadedProfile } from "../screens/profile-card.js";
import { CategoryFields, categoryOf } from "../screens/report-form.js";
import { ErrorLine, useAction } from "../screens/use-action.js";

/**
 * Reports what is wrong on a profile (`POST /report/...`): its name, its text or one of its photos,
 * as this viewer sees it now, with a category and text.
 */
export function ProfileReportForm({ loaded, onDone }: { loaded: LoadedProfile; onDone(): void }) {
  const t = useT();
  const { session, notice } = useApp();
  const { busy, error, run } = useAction();
  const { profile, content } = loaded;
  const id = profile.account_id;
  const targets = [
    ...(profile.name ? [{ path: `/report/profile_name/${id}`, label: t("report_profile.name") }] : []),
    ...(profile.text ? [{ path: `/report/profile_text/${id}`, label: t("report_profile.text") }] : []),
    ...content.images.map((image, index) => ({
      path: `/report/image/${id}/${image.content_id}`,
      label: t("photos.photo", { n: index + 1 }),
    })),
  ];
  const submit = (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const path = (form.elements.namedItem("target") as HTMLSelectElement).value;
    void run(async () => {
      await session.api.post(path, categoryOf(form));
      notice(t("report.sent"));
      onDone();
    });
  };
  return (
    <form class="card report" onSubmit={submit} aria-label={t("report_profile.title")}>
      <h2>{t("report_profile.title")}</h2>
      <label>
        {t("report_profile.what")}
        <select name="target" required>
          {targets.map((target) => (
            <option value={target.path}>{target.label}</option>
          ))}
        </select>
      </label>
      <CategoryFields />
      <button type="submit" disabled={busy}>
        {t("report.submit")}
      </button>
      <ErrorLine error={error} />
    </form>
  );
}
