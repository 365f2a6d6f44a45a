import type { VerificationQueue } from "@venus/model";
import { AuthImage, type Session } from "@venus/web-shared";
import { contentPath } from "../images/owner-panel.js";

const similarity = (value: number | null) =>
  value === null ? "no face to compare" : `similarity ${Math.round(value * 100)}%`;

/** The security selfie beside the profile images, each with its similarity; the face image outlined. */
export function VerificationPair({
  session,
  item,
}: {
  session: Session;
  item: VerificationQueue["items"][number];
}) {
  return (
    <div class="owner pair">
      <figure>
        <AuthImage
          api={session.api}
          path={contentPath(item.account_id, item.security_selfie)}
          size={640}
          alt="Security selfie"
        />
        <figcaption>Security selfie</figcaption>
      </figure>
      {item.images.map((image, at) => (
        <figure key={image.content_id} class={at === 0 ? "compared" : undefined}>
          <AuthImage
            api={session.api}
            path={contentPath(item.account_id, image.content_id)}
            size={640}
            alt={`Profile image ${at + 1}`}
          />
          <figcaption>
            {at === 0 ? "Face image" : `Profile image ${at + 1}`}: {similarity(image.similarity)}
          </figcaption>
        </figure>
      ))}
    </div>
  );
}
