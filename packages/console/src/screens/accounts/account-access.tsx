import type { DevicesResponse, OwnContentResponse, SignInMethods } from "@venus/model";
import { AuthImage, type Session } from "@venus/web-shared";
import { useLoad } from "../../use-load.js";
import { Part, time } from "./part.js";

export function SignInPart({ session, id }: { session: Session; id: string }) {
  const loaded = useLoad(() => session.api.get<SignInMethods>(`/admin/accounts/${id}/sign_in_methods`), [id]);
  return (
    <Part title="Sign-in methods" loaded={loaded}>
      {(methods) => (
        <dl class="facts">
          <dt>Email</dt>
          <dd>
            {methods.email} ({methods.email_verified ? "verified" : "not verified"})
            {methods.pending_email_change && ` · changing to ${methods.pending_email_change.email}`}
          </dd>
          <dt>Password</dt>
          <dd>{methods.password ? "set" : "none"}</dd>
          <dt>Providers</dt>
          <dd>{methods.oidc.map((identity) => identity.provider).join(", ") || "none"}</dd>
        </dl>
      )}
    </Part>
  );
}

export function DevicesPart({ session, id }: { session: Session; id: string }) {
  const loaded = useLoad(() => session.api.get<DevicesResponse>(`/admin/accounts/${id}/devices`), [id]);
  return (
    <Part title="Devices" loaded={loaded}>
      {({ devices }) => (
        <table>
          <thead>
            <tr>
              <th>client</th>
              <th>address</th>
              <th>signed in</th>
              <th>last seen</th>
            </tr>
          </thead>
          <tbody>
            {devices.map((device) => (
              <tr key={device.id}>
                <td>
                  {device.client ? `${device.client.kind} ${device.client.version}` : "never connected"}
                </td>
                <td>{device.address ?? "–"}</td>
                <td>{time(device.created_at)}</td>
                <td>
                  {time(device.last_seen_at)} {device.online && "· online"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Part>
  );
}

/** Every image of the account, in every state, with the rejection the owner was given. */
export function ContentPart({ session, id }: { session: Session; id: string }) {
  const loaded = useLoad(() => session.api.get<OwnContentResponse>(`/admin/accounts/${id}/content`), [id]);
  return (
    <Part title="All images" loaded={loaded}>
      {({ items }) => (
        <div class="owner">
          {items.map((item) => (
            <figure key={item.content_id}>
              <AuthImage
                api={session.api}
                path={`/media/content/${id}/${item.content_id}`}
                size={200}
                alt={`Image ${item.content_id}`}
              />
              <figcaption>
                {item.state}
                {item.in_use && ", in use"}
                {item.rejection &&
                  `: ${item.rejection.category.replaceAll("_", " ")} ${item.rejection.details}`}
              </figcaption>
            </figure>
          ))}
        </div>
      )}
    </Part>
  );
}
