import { VenusError, type ReportDecisionRequest } from "@venus/model";
import type { ChatContext } from "../context.js";
import { checkReportText } from "./file-report.js";

export interface ReportDecided {
  reporter: string;
  /** After a rejection: how many of the reporter's reports are rejected now; null after an acceptance. */
  rejectedCount: number | null;
}

/**
 * Records an admin's decision on a waiting report (durable). `409 report_decided` when it was
 * decided already, `404 not_found` when there is no such report; an admin cannot decide a report they
 * made or one about their own account (`409 cannot_act_on_self`).
 */
export async function decideReport(
  ctx: ChatContext,
  adminId: string,
  reportId: number,
  request: ReportDecisionRequest,
): Promise<ReportDecided> {
  const note = request.note === undefined ? null : checkReportText(ctx.config, "note", request.note);
  const report = ctx.reports.get(reportId);
  if (!report) {
    if (ctx.reportStatements.byId(reportId)) throw new VenusError("report_decided");
    throw new VenusError("not_found", "no such report");
  }
  if (report.reporter === adminId || report.reported === adminId)
    throw new VenusError(
      "cannot_act_on_self",
      "an admin cannot decide a report they made or one about their own account",
    );
  const rejected = request.decision === "reject";
  ctx.reports.removeWaiting(report);
  const rejectedCount = rejected ? ctx.reports.countRejected(report.reporter) : null;
  const row = {
    report_id: reportId,
    state: rejected ? "rejected" : "accepted",
    decided_at: ctx.now(),
    decided_by: adminId,
    note,
  };
  try {
    await ctx.writer.write(() => ctx.reportStatements.decide(row));
  } catch (error) {
    ctx.reports.addWaiting(report);
    if (rejected) ctx.reports.countRejected(report.reporter, -1);
    throw error;
  }
  return { reporter: report.reporter, rejectedCount };
}
