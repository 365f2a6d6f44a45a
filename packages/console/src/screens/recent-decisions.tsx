import type { AdminAccountView, AuditEntry, AuditPage } from "@venus/model";
import type { Session } from "@venus/web-shared";
import type { Permissions } from "../permissions.js";
import { useLoad } from "../use-load.js";

/** Audit entries read to find a queue's latest decisions. */
const AUDIT_PAGE = 100;
const SHOWN = 8;

interface Decision {
  account_id?: string;
  field?: string;
  accept?: boolean;
  category?: string;
  details?: string;
  reason?: string;
}

/** "accepted", or "rejected: category — details" for a moderation entry of the audit log. */
export function decisionText(entry: AuditEntry): string {
  const decision = (entry.details.body ?? {}) as Decision;
  if (decision.accept === undefined) return "";
  const why = [decision.category?.replaceAll("_", " "), decision.details || decision.reason].filter(Boolean);
  return decision.accept ? "accepted" : `rejected${why.length > 0 ? `: ${why.join(" — ")}` : ""}`;
}

/** Who decided: "moderation bot" for a bot account, the admin's email, or "command line". */
async function deciders(session: Session, entries: AuditEntry[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const id of new Set(entries.map((entry) => entry.admin_id))) {
    const admin = await session.api.get<AdminAccountView>(`/admin/accounts/${id}`).catch(() => undefined);
    names.set(id, admin ? (admin.bot ? "moderation bot" : admin.email) : "command line");
  }
  return names;
}

interface DecisionsProps {
  session: Session;
  /** The decision route, e.g. `POST /admin/media/moderation`. */
  action: string;
  reload: number;
}

/**
 * The queue's latest decisions from the audit log, the moderation bot's among them with its reason, so
 * a moderator sees what the bot took out of the queue and why; shown only with `manage_admins` (the
 * audit log) and `view_accounts` (who decided).
 */
export function RecentDecisions({ permissions, ...props }: DecisionsProps & { permissions: Permissions }) {
  return permissions.has("manage_admins") && permissions.has("view_accounts") ? (
    <DecisionList {...props} />
  ) : null;
}

function DecisionList({ session, action, reload }: DecisionsProps) {
  const loaded = useLoad(async () => {
    const page = await session.api.get<AuditPage>(`/admin/audit?limit=${AUDIT_PAGE}`);
    const entries = page.items.filter((entry) => entry.action === action).slice(0, SHOWN);
    return { entries, names: await deciders(session, entries) };
  }, [action, reload]);
  if (!loaded.data || loaded.data.entries.length === 0) return null;
  const { entries, names } = loaded.data;
  return (
    <section aria-label="Latest decisions" class="recent">
      <h2>Latest decisions</h2>
      <ul>
        {entries.map((entry) => {
          const decision = (entry.details.body ?? {}) as Decision;
          return (
            <li key={entry.id}>
              <span class="muted">{new Date(entry.at).toLocaleTimeString()}</span>{" "}
              <strong>{names.get(entry.admin_id)}</strong> on {decision.field ?? "an image"} of{" "}
              <a href={`#/accounts/${decision.account_id}`}>{decision.account_id}</a>: {decisionText(entry)}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
