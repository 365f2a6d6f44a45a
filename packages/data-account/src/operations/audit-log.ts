import { type AuditEntry, type AuditPage, invalidField } from "@venus/model";
import { auditRow, type AdminAction } from "../audit-entry.js";
import type { AccountContext } from "../context.js";

/** Writes one successful admin action to the audit log; resolves once it has committed. */
export function recordAdminAction(ctx: AccountContext, action: AdminAction): Promise<void> {
  const row = auditRow(action, ctx.now());
  return ctx.writer.write(() => ctx.statements.audit.insert(row));
}

export interface AuditPageRequest {
  /** The previous page's `next`. */
  before: number | undefined;
  /** Entries per page: 1 to `admin.audit_page_size` (the default). */
  limit: number | undefined;
  /** Only entries by this admin or about this account. */
  accountId: string | undefined;
}

/** A page of the audit log, newest first; read from disk (admins only, rarely). */
export function auditPage(ctx: AccountContext, request: AuditPageRequest): AuditPage {
  const max = ctx.config.admin.audit_page_size;
  const limit = request.limit ?? max;
  if (limit < 1 || limit > max) throw invalidField("limit", `must be between 1 and ${max}`);
  // One more than asked tells whether an older page exists.
  const rows = ctx.statements.audit.page({ ...request, limit: limit + 1 });
  const items: AuditEntry[] = rows.slice(0, limit).map((row) => ({
    id: row.id,
    at: row.at,
    admin_id: row.admin_id,
    action: row.action,
    target_id: row.target_id,
    details: JSON.parse(row.details) as Record<string, unknown>,
  }));
  return { items, next: rows.length > limit ? String(items.at(-1)?.id) : null };
}
