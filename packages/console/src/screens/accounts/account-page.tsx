import type { AdminAccountView } from "@venus/model";
import type { Session } from "@venus/web-shared";
import { useState } from "preact/hooks";
import type { Permissions } from "../../permissions.js";
import { useLoad } from "../../use-load.js";
import { AccountActions } from "./account-actions.js";
import { AddressesPart, ImagesPart, ProfilePart, UsagePart } from "./account-details.js";
import { AuditPart, ReportsPart } from "./account-history.js";

const time = (ms: number | null) => (ms ? new Date(ms).toLocaleString() : "never");

interface AccountPageProps {
  session: Session;
  permissions: Permissions;
  /** `["<id>"]` or `["email", "<email>"]`. */
  route: string[];
}

/** Everything about one account the signed-in admin may see, and the actions they may take. */
export function AccountPage({ session, permissions, route }: AccountPageProps) {
  const [changes, setChanges] = useState(0);
  const path =
    route[0] === "email"
      ? `/admin/accounts?email=${encodeURIComponent(decodeURIComponent(route[1] ?? ""))}`
      : `/admin/accounts/${route[0]}`;
  const loaded = useLoad(() => session.api.get<AdminAccountView>(path), [path, changes]);
  if (loaded.error) return <p role="alert">{loaded.error}</p>;
  const account = loaded.data;
  if (!account) return <p>Loading…</p>;
  const id = account.account_id;
  return (
    <article aria-label={`Account ${account.email}`} class="account">
      <h1>
        {account.email} <span class="count">{id}</span>
      </h1>
      <dl class="facts">
        <dt>State</dt>
        <dd>
          {account.state}
          {account.locked && " · locked"}
          {account.bot && " · bot"}
        </dd>
        {account.ban && (
          <>
            <dt>Ban</dt>
            <dd>
              until {account.ban.until ?? "lifted"}: {account.ban.reason}
            </dd>
          </>
        )}
        <dt>Permissions</dt>
        <dd>{account.permissions.join(", ") || "none"}</dd>
        <dt>Created</dt>
        <dd>{time(account.created_at)}</dd>
        <dt>Last seen</dt>
        <dd>
          {time(account.last_seen_at)} {account.online ? "· online now" : ""}
        </dd>
        <dt>Devices</dt>
        <dd>{account.sessions} signed in</dd>
      </dl>
      <AccountActions
        session={session}
        account={account}
        permissions={permissions}
        onChanged={() => setChanges((count) => count + 1)}
      />
      <div class="parts">
        <ProfilePart session={session} id={id} />
        <ImagesPart session={session} id={id} />
        {permissions.has("view_statistics") && <AddressesPart session={session} id={id} />}
        {permissions.has("view_statistics") && <UsagePart session={session} id={id} />}
        {permissions.has("process_reports") && <ReportsPart session={session} id={id} />}
        {permissions.has("manage_admins") && <AuditPart session={session} id={id} />}
      </div>
    </article>
  );
}
