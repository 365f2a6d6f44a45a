import { VenusError, type Report, type ReportKind, type ReportState, type ReportsPage } from "@venus/model";
import type { ChatContext } from "../context.js";
import { presentReport } from "./report-presenter.js";

export interface ReportQueueQuery {
  /** Default `waiting`. */
  state: ReportState | undefined;
  /** Every kind when undefined. */
  kind: ReportKind | undefined;
  /** The previous page's `next`. */
  after: string | undefined;
}

/**
 * A page of reports in one state, oldest first, `reports.page_size` at a time. The cursor is the last
 * id shown, so decisions taken meanwhile never make an admin skip a report.
 */
export function reportQueue(ctx: ChatContext, query: ReportQueueQuery): ReportsPage {
  const limit = ctx.config.reports.page_size;
  const rows = ctx.reportStatements.page({
    state: query.state ?? "waiting",
    kind: query.kind,
    after: query.after === undefined ? 0 : Number(query.after),
    limit,
  });
  return {
    items: rows.map((row) => presentReport(row, ctx.signingSecret)),
    next: rows.length === limit ? String(rows.at(-1)?.report_id) : null,
  };
}

/** One report; `404 not_found` when there is none with that id. */
export function reportById(ctx: ChatContext, reportId: number): Report {
  const row = ctx.reportStatements.byId(reportId);
  if (!row) throw new VenusError("not_found", "no such report");
  return presentReport(row, ctx.signingSecret);
}
