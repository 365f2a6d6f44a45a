import { useState } from "preact/hooks";
import { useApp } from "../app-context.js";
import { useT } from "../i18n/use-t.js";
import { PhotosEditor } from "../media/photos-editor.js";
import { SelfieEditor } from "../media/selfie.js";
import { GenderFields, wantedOf } from "./gender-fields.js";
import { ErrorLine, useAction } from "./use-action.js";
import { VerifyEmail } from "./verify-email.js";

const value = (form: HTMLFormElement, name: string) =>
  (form.elements.namedItem(name) as HTMLInputElement).value;

/** Setting up: the basics, photos and the security selfie, then completing setup. */
export function Setup() {
  const t = useT();
  const { session, refreshState } = useApp();
  const [basicsSaved, setBasicsSaved] = useState(false);
  const [photos, setPhotos] = useState(0);
  const [selfie, setSelfie] = useState(false);
  const basics = useAction();
  const complete = useAction();

  const saveBasics = (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const looking = wantedOf(form);
    if (looking.length === 0) return basics.setError(t("setup.pick_wanted"));
    void basics.run(async () => {
      await session.api.post("/account/setup", {
        name: value(form, "name").trim(),
        birthdate: value(form, "birthdate"),
        gender: value(form, "gender"),
        looking_for: looking,
      });
      setBasicsSaved(true);
    });
  };
  const missing = [
    ...(basicsSaved ? [] : [t("setup.missing_basics")]),
    ...(photos > 0 ? [] : [t("setup.missing_photo")]),
    ...(selfie ? [] : [t("setup.missing_selfie")]),
  ];

  return (
    <main class="setup">
      <h1>{t("setup.title")}</h1>
      <VerifyEmail />
      <section class="card" aria-labelledby="basics-title">
        <h2 id="basics-title">{t("setup.basics")}</h2>
        <form onSubmit={saveBasics}>
          <label>
            {t("field.name")} <input name="name" autocomplete="given-name" maxLength={100} required />
          </label>
          <label>
            {t("field.birthdate")} <input name="birthdate" type="date" required />
          </label>
          <GenderFields />
          <button type="submit" disabled={basics.busy}>
            {basicsSaved ? t("common.saved") : t("common.save")}
          </button>
        </form>
        <ErrorLine error={basics.error} />
      </section>
      <PhotosEditor onChange={setPhotos} />
      <SelfieEditor onChange={setSelfie} />
      <section class="card">
        {missing.length > 0 && (
          <ul class="missing" aria-label={t("setup.still_missing")}>
            {missing.map((item) => (
              <li>{item}</li>
            ))}
          </ul>
        )}
        <button
          type="button"
          class="primary"
          disabled={complete.busy || missing.length > 0}
          onClick={() =>
            void complete.run(async () => {
              await session.api.post("/account/complete_setup");
              await refreshState();
            })
          }
        >
          {t("setup.complete")}
        </button>
        <ErrorLine error={complete.error} />
      </section>
    </main>
  );
}
