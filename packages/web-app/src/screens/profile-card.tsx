import type { ProfileContentResponse, ProfileResponse, ProfileView } from "@venus/model";
import { useEffect, useState } from "preact/hooks";
import { useApp } from "../app-context.js";
import { AttributeList } from "../attributes/attribute-list.js";
import { useT } from "../i18n/use-t.js";
import { Photo } from "../media/photo.js";

export interface LoadedProfile {
  profile: ProfileView;
  content: ProfileContentResponse;
}

/** Another account's profile and its images as this account may see them (404: not visible). */
export function useProfile(accountId: string): LoadedProfile | null | undefined {
  const { session } = useApp();
  const [loaded, setLoaded] = useState<LoadedProfile | null>();
  useEffect(() => {
    // No images the viewer may see yet (none accepted by moderation) is a profile without photos.
    const noImages: ProfileContentResponse = {
      account_id: accountId,
      images: [],
      crop: null,
      version: 0,
      verified: false,
    };
    void Promise.all([
      session.api.get<ProfileResponse>(`/profile/${accountId}`),
      session.api.get<ProfileContentResponse>(`/media/profile_content/${accountId}`).catch(() => noImages),
    ]).then(
      ([answer, content]) => setLoaded(answer.unchanged ? null : { profile: answer.profile, content }),
      () => setLoaded(null),
    );
  }, [accountId]);
  return loaded;
}

/** A profile as a card: the face image (cropped), name, age, distance; `full` adds the text, the attributes and every photo. */
export function ProfileCard({ loaded, full = false }: { loaded: LoadedProfile; full?: boolean }) {
  const t = useT();
  const { profile, content } = loaded;
  const name = profile.name ?? t("profile.name_pending");
  const [first, ...rest] = content.images;
  return (
    <article class="profile-card" aria-label={name}>
      {first ? (
        <Photo
          accountId={profile.account_id}
          contentId={first.content_id}
          crop={full ? null : content.crop}
          alt={t("photos.of", { name })}
          class="face"
        />
      ) : (
        <div class="photo placeholder face" role="img" aria-label={t("photos.none")} />
      )}
      <h3>
        {name}, {profile.age}
        {profile.online && <span class="online" aria-label={t("profile.online")} />}
      </h3>
      {profile.distance_km !== null && (
        <p class="distance">{t("profile.distance", { km: profile.distance_km })}</p>
      )}
      {full && profile.text && <p class="text">{profile.text}</p>}
      {full && <AttributeList answers={profile.attributes} />}
      {full &&
        rest.map((image, index) => (
          <Photo
            key={image.content_id}
            accountId={profile.account_id}
            contentId={image.content_id}
            alt={t("photos.photo", { n: index + 2 })}
          />
        ))}
    </article>
  );
}
