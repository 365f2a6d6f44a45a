import type {
  ApiUsage,
  AuditPage,
  IpHistory,
  ProfileResponse,
  ProfileContentResponse,
  Report,
} from "@venus/model";
import { AuthImage, type Session } from "@venus/web-shared";
import type { ComponentChildren } from "preact";
import { useLoad, type Loaded } from "../../use-load.js";
import { allReports } from "../reports/reporter-history.js";

const time = (ms: number | null | undefined) => (ms ? new Date(ms).toLocaleString() : "never");

function Part<T>({
  title,
  loaded,
  children,
}: {
  title: string;
  loaded: Loaded<T>;
  children: (data: T) => ComponentChildren;
}) {
  return (
    <section aria-label={title} class="part">
      <h2>{title}</h2>
      {loaded.error ? (
        <p class="muted">{loaded.error}</p>
      ) : loaded.data === undefined ? (
        <p>Loading…</p>
      ) : (
        children(loaded.data)
      )}
    </section>
  );
}

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

export function ReportsPart({ session, id }: { session: Session; id: string }) {
  const loaded = useLoad(() => allReports(session), [id]);
  const line = (report: Report) => (
    <li key={report.report_id}>
      {report.kind.replaceAll("_", " ")} as {report.category}, {report.state} ({time(report.created_at)})
    </li>
  );
  return (
    <Part title="Reports" loaded={loaded}>
      {(reports) => (
        <div class="two">
          <div>
            <h3>Made</h3>
            <ul>{reports.filter((report) => report.reporter === id).map(line)}</ul>
          </div>
          <div>
            <h3>Received</h3>
            <ul>{reports.filter((report) => report.reported === id).map(line)}</ul>
          </div>
        </div>
      )}
    </Part>
  );
}

export function AuditPart({ session, id }: { session: Session; id: string }) {
  const loaded = useLoad(() => session.api.get<AuditPage>(`/admin/audit?account_id=${id}`), [id]);
  return (
    <Part title="Audit log" loaded={loaded}>
      {(page) => (
        <ul>
          {page.items.map((entry) => (
            <li key={entry.id}>
              {time(entry.at)}: <code>{entry.action}</code> by{" "}
              {entry.admin_id === id ? "the account itself" : entry.admin_id}
            </li>
          ))}
        </ul>
      )}
    </Part>
  );
}
