import type { ChatContext } from "../context.js";

/**
 * The reports an account made, as its data export shows them: what it reported, why, and whether it
 * was decided. Not the snapshot (someone else's words or messages) nor who decided or their note.
 */
export function reportsMadeBy(ctx: ChatContext, accountId: string): object[] {
  return ctx.reportStatements.madeBy(accountId).map((row) => ({
    report_id: row.report_id,
    kind: row.kind,
    reported_account: row.reported,
    target: row.target,
    category: row.category,
    details: row.details,
    created_at: row.created_at,
    state: row.state,
    decided_at: row.decided_at,
  }));
}
