import type { Session } from "@venus/web-shared";
import type { Permissions } from "../../permissions.js";
import { EmailPart } from "./email-part.js";
import { NewsPart } from "./news-part.js";

/** News and announcements, and mail to users, each for the permission it needs. */
export function NewsScreen({ session, permissions }: { session: Session; permissions: Permissions }) {
  return (
    <div class="server">
      <h1>News and email</h1>
      {permissions.has("manage_news") && <NewsPart session={session} />}
      {permissions.has("email_users") && <EmailPart session={session} />}
    </div>
  );
}
