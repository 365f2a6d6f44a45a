import type { Session } from "@venus/web-shared";
import type { Permissions } from "../../permissions.js";
import { AccountPage } from "./account-page.js";
import { AccountSearch } from "./account-search.js";

/** Search, and the page of the account the address names. */
export function AccountsScreen({
  session,
  permissions,
  route,
}: {
  session: Session;
  permissions: Permissions;
  route: string[];
}) {
  return (
    <div class="accounts">
      <AccountSearch />
      {route.length > 0 ? (
        <AccountPage key={route.join("/")} session={session} permissions={permissions} route={route} />
      ) : (
        <p class="muted">Find an account by its email or id, or follow a link from a queue or a report.</p>
      )}
    </div>
  );
}
