import { countUse, leftToday, secondsUntilTomorrow } from "@venus/data-common";
import { type ReportKind, type VenusConfig, invalidField, retryLater } from "@venus/model";
import type { ChatContext } from "../context.js";

/** A report to keep, its reporter and target already checked by the caller. */
export interface NewReport {
  reporter: string;
  reported: string;
  kind: ReportKind;
  /** The reported account, or the content id of a reported image. */
  target: string;
  category: string;
  details: string | undefined;
  /** What was reported, as it was: `{text}`, `{content_id}` or `{messages}`. */
  snapshot: object;
}

export interface FiledReport {
  report_id: number;
  /** False when the reporter's report on the same kind and target was still waiting. */
  created: boolean;
}

/** A report's `details` or a decision's `note`: at most `reports.details_max_bytes` UTF-8 bytes. */
export function checkReportText(config: VenusConfig, field: string, text: string | undefined): string {
  const max = config.reports.details_max_bytes;
  if (text !== undefined && Buffer.byteLength(text, "utf8") > max)
    throw invalidField(field, `at most ${max} bytes`);
  return text ?? "";
}

function checkCategory(config: VenusConfig, category: string): void {
  const { categories } = config.reports;
  if (!categories.includes(category))
    throw invalidField("category", `must be one of ${categories.join(", ")}`);
}

/**
 * Keeps a report for the admins' queue (durable: resolves once committed). While the reporter's
 * report on the same kind and target waits, that one answers again and nothing new is kept; only new
 * reports count against `reports.per_day` (`429 daily_report_limit`).
 */
export async function fileReport(ctx: ChatContext, report: NewReport): Promise<FiledReport> {
  const { config, reports: index } = ctx;
  checkCategory(config, report.category);
  const details = checkReportText(config, "details", report.details);
  const waiting = index.waitingOn(report);
  if (waiting !== undefined) return { report_id: waiting, created: false };
  const now = ctx.now();
  const use = index.madeToday.get(report.reporter) ?? { day: 0, used: 0 };
  if (leftToday(use, config.reports.per_day, now) === 0)
    throw retryLater("daily_report_limit", secondsUntilTomorrow(now));
  countUse(use, now);
  index.madeToday.set(report.reporter, use);
  const id = index.nextId();
  const entry = {
    id,
    reporter: report.reporter,
    reported: report.reported,
    kind: report.kind,
    target: report.target,
  };
  index.addWaiting(entry);
  const row = {
    report_id: id,
    reporter: report.reporter,
    reported: report.reported,
    kind: report.kind,
    target: report.target,
    category: report.category,
    details,
    snapshot: JSON.stringify(report.snapshot),
    created_at: now,
    state: "waiting",
    decided_at: null,
    decided_by: null,
    note: null,
  };
  try {
    await ctx.writer.write(() => ctx.reportStatements.insert(row));
  } catch (error) {
    index.removeWaiting(entry);
    use.used--;
    throw error;
  }
  return { report_id: id, created: true };
}
