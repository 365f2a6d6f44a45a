import type { ApiUsage, IpHistory, ProfileResponse, ProfileContentResponse } from "@venus/model";
import { AuthImage, type Session } from "@venus/web-shared";
import { useLoad } from "../../use-load.js";
import { Part, time } from "./part.js";

export function ProfilePart({ session, id }: { session: Session; id: string }) {
  const loaded = useLoad(() => session.api.get<ProfileResponse>(`/profile/${id}`), [id]);
  return (
    <Part title="Profile" loaded={loaded}>
      {(answer) => {
        if (answer.unchanged) return null;
        const { profile } = answer;
        return (
          <dl class="facts">
            <dt>Name</dt>
            <dd>{profile.name ?? <span class="muted">not accepted yet</span>}</dd>
            <dt>Text</dt>
            <dd>{profile.text || <span class="muted">none</span>}</dd>
            <dt>Age, gender</dt>
            <dd>
              {profile.age}, {profile.gender.replace("_", "-")}
            </dd>
            <dt>Attributes</dt>
            <dd>
              {Object.keys(profile.attributes).length === 0 ? "none" : JSON.stringify(profile.attributes)}
            </dd>
            <dt>Last seen</dt>
            <dd>
              {time(profile.last_seen)} {profile.online ? "· online" : ""}
            </dd>
          </dl>
        );
      }}
    </Part>
  );
}

export function ImagesPart({ session, id }: { session: Session; id: string }) {
  const loaded = useLoad(() => session.api.get<ProfileContentResponse>(`/media/profile_content/${id}`), [id]);
  return (
    <Part title="Images" loaded={loaded}>
      {(content) => (
        <div class="owner">
          {[
            ...(content.security_selfie ? [{ ...content.security_selfie, label: "Security selfie" }] : []),
            ...content.images.map((image, at) => ({ ...image, label: `Profile image ${at + 1}` })),
          ].map((image) => (
            <figure key={image.content_id}>
              <AuthImage
                api={session.api}
                path={`/media/content/${id}/${image.content_id}`}
                size={200}
                alt={image.label}
              />
              <figcaption>
                {image.label} ({image.state})
              </figcaption>
            </figure>
          ))}
        </div>
      )}
    </Part>
  );
}

export function AddressesPart({ session, id }: { session: Session; id: string }) {
  const loaded = useLoad(() => session.api.get<IpHistory>(`/admin/accounts/${id}/ip_history`), [id]);
  return (
    <Part title="Address history" loaded={loaded}>
      {(history) => (
        <table>
          <thead>
            <tr>
              <th>address</th>
              <th>first seen</th>
              <th>last seen</th>
              <th>times</th>
            </tr>
          </thead>
          <tbody>
            {history.addresses.map((entry) => (
              <tr key={entry.address}>
                <td>{entry.address}</td>
                <td>{time(entry.first_seen)}</td>
                <td>{time(entry.last_seen)}</td>
                <td>{entry.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Part>
  );
}

export function UsagePart({ session, id }: { session: Session; id: string }) {
  const loaded = useLoad(() => session.api.get<ApiUsage>(`/admin/accounts/${id}/api_usage`), [id]);
  return (
    <Part title="API usage" loaded={loaded}>
      {(usage) => (
        <p>
          {usage.total} requests in {usage.days.length} days; today {usage.days.at(-1)?.requests ?? 0}.
        </p>
      )}
    </Part>
  );
}
