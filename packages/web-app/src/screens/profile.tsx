import type { OwnProfile, ProfileContentResponse, ProfileEditRequest } from "@venus/model";
import { useEffect, useState } from "preact/hooks";
import { AttributeEditor } from "../attributes/attribute-editor.js";
import { useApp } from "../app-context.js";
import { useT } from "../i18n/use-t.js";
import { PhotosEditor } from "../media/photos-editor.js";
import { editRequest } from "./edit-request.js";
import { ProfileCard } from "./profile-card.js";
import { ErrorLine, useAction } from "./use-action.js";

const COORDINATES = [
  ["latitude", 90],
  ["longitude", 180],
] as const;
const PRIVACY = ["show_online", "show_last_seen"] as const;

const number = (form: HTMLFormElement, name: string) =>
  Number((form.elements.namedItem(name) as HTMLInputElement).value);

/** The own profile: text, location, visibility, privacy, photos, and how others see it. */
export function ProfileScreen() {
  const t = useT();
  const { session, accountId } = useApp();
  const [me, setMe] = useState<OwnProfile>();
  const [content, setContent] = useState<ProfileContentResponse>();
  const [preview, setPreview] = useState(false);
  const { busy, error, run } = useAction();
  const load = async () => {
    setMe(await session.api.get<OwnProfile>("/profile/me"));
    setContent(await session.api.get<ProfileContentResponse>(`/media/profile_content/${accountId}`));
  };
  useEffect(() => void load(), []);
  if (!me) return <p class="loading">{t("common.loading")}</p>;

  const saveProfile = (changes: Partial<ProfileEditRequest>) =>
    session.api.put<OwnProfile>("/profile", editRequest(me, changes)).then(setMe);
  const saveText = (event: Event) => {
    event.preventDefault();
    const text = ((event.currentTarget as HTMLFormElement).elements.namedItem("text") as HTMLTextAreaElement)
      .value;
    void run(() => saveProfile({ text }));
  };
  const saveLocation = (latitude: number, longitude: number) =>
    run(async () => {
      await session.api.put("/profile/location", { latitude, longitude });
      await load();
    });
  const put = (path: string, body: unknown) =>
    run(async () => (await session.api.put(path, body), await load()));

  return (
    <section class="profile" aria-labelledby="profile-title">
      <h1 id="profile-title">{t("profile.title")}</h1>
      <button type="button" class="small" onClick={() => setPreview(!preview)}>
        {preview ? t("profile.edit") : t("profile.preview")}
      </button>
      {preview && content ? (
        <ProfileCard
          full
          loaded={{
            content,
            profile: {
              ...me,
              name: me.name.state === "accepted" ? me.name.value : null,
              text: me.text.state === "accepted" ? me.text.value : null,
              distance_km: null,
              last_seen: null,
              online: null,
              verified: content.verified,
            },
          }}
        />
      ) : (
        <>
          <form class="card" onSubmit={saveText}>
            <p>
              {me.name.value}, {me.age}{" "}
              {me.name.state !== "accepted" && <small>({t(`moderation.${me.name.state}`)})</small>}
            </p>
            <label>
              {t("profile.text")}
              <textarea name="text" rows={5} maxLength={2000} value={me.text.value} />
            </label>
            {me.text.state === "rejected" && (
              <p class="error">{t("profile.text_rejected", { reason: me.text.reason ?? "" })}</p>
            )}
            <button type="submit" disabled={busy}>
              {t("common.save")}
            </button>
          </form>
          <form
            class="card"
            aria-label={t("profile.location")}
            onSubmit={(event) => {
              event.preventDefault();
              const form = event.currentTarget as HTMLFormElement;
              void saveLocation(number(form, "latitude"), number(form, "longitude"));
            }}
          >
            <h2>{t("profile.location")}</h2>
            <p>{me.location ? t("profile.location_set") : t("profile.location_none")}</p>
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                navigator.geolocation.getCurrentPosition(
                  (position) => void saveLocation(position.coords.latitude, position.coords.longitude),
                  () => undefined,
                )
              }
            >
              {t("profile.use_my_location")}
            </button>
            <div class="row">
              {COORDINATES.map(([field, limit]) => (
                <label key={field}>
                  {t(`profile.${field}`)}{" "}
                  <input
                    name={field}
                    type="number"
                    step="any"
                    min={-limit}
                    max={limit}
                    required
                    value={me.location?.[field]}
                  />
                </label>
              ))}
            </div>
            <button type="submit" disabled={busy}>
              {t("profile.save_location")}
            </button>
          </form>
          <fieldset class="card">
            <legend>{t("profile.visibility")}</legend>
            <label class="check">
              <input
                type="checkbox"
                name="public"
                checked={me.visibility === "public"}
                onChange={(event) =>
                  void put("/profile/visibility", {
                    visibility: (event.currentTarget as HTMLInputElement).checked ? "public" : "private",
                  })
                }
              />
              {t("profile.public")}
            </label>
            {PRIVACY.map((setting) => (
              <label class="check" key={setting}>
                <input
                  type="checkbox"
                  checked={me.privacy[setting]}
                  onChange={(event) =>
                    void put("/profile/privacy", {
                      ...me.privacy,
                      [setting]: (event.currentTarget as HTMLInputElement).checked,
                    })
                  }
                />
                {t(`profile.${setting}`)}
              </label>
            ))}
          </fieldset>
          <AttributeEditor me={me} save={(attributes) => saveProfile({ attributes })} />
          <PhotosEditor />
        </>
      )}
      <ErrorLine error={error} />
    </section>
  );
}
