import type { ProfileContentResponse } from "@venus/model";
import { AuthImage, type Session } from "@venus/web-shared";
import { useEffect, useState } from "preact/hooks";

export const contentPath = (accountId: string, contentId: string) =>
  `/media/content/${accountId}/${contentId}`;

/** The owner's security selfie beside their profile images (every state), to judge they are one person. */
export function OwnerPanel({
  session,
  accountId,
  loads,
}: {
  session: Session;
  accountId: string;
  loads: number;
}) {
  const [content, setContent] = useState<ProfileContentResponse>();
  useEffect(() => {
    void session.api.get<ProfileContentResponse>(`/media/profile_content/${accountId}`).then(setContent);
  }, [session, accountId, loads]);
  if (!content) return <p class="muted">Loading the owner's images…</p>;
  const selfie = content.security_selfie;
  return (
    <section class="owner" aria-label="The owner's selfie and profile images">
      <figure>
        {selfie ? (
          <AuthImage
            api={session.api}
            path={contentPath(accountId, selfie.content_id)}
            size={320}
            alt="Security selfie"
          />
        ) : (
          <span class="image-missing">No security selfie</span>
        )}
        <figcaption>Security selfie{selfie ? ` (${selfie.state})` : ""}</figcaption>
      </figure>
      {content.images.map((image, index) => (
        <figure key={image.content_id}>
          <AuthImage
            api={session.api}
            path={contentPath(accountId, image.content_id)}
            size={320}
            alt={`Profile image ${index + 1}`}
          />
          <figcaption>
            Profile image {index + 1} ({image.state})
          </figcaption>
        </figure>
      ))}
      <a href={`#/accounts/${accountId}`}>Account page</a>
    </section>
  );
}
