import type { ReportStatements } from "@venus/database";
import { DAY_MS, utcDay, type DailyUse } from "@venus/data-common";
import type { ReportKind } from "@venus/model";

/** A report waiting for an admin, as far as requests need it. */
export interface WaitingReport {
  id: number;
  reporter: string;
  reported: string;
  kind: ReportKind;
  /** The reported account, or the content id of a reported image. */
  target: string;
}

const keyOf = (report: Pick<WaitingReport, "reporter" | "kind" | "target">) =>
  `${report.reporter} ${report.kind} ${report.target}`;

/**
 * What reporting and deciding check, in memory: the waiting reports (one per reporter, kind and
 * target), each reporter's rejected reports and reports made today, and the next id. The reports
 * themselves (details, snapshots, decisions) stay in `chat.sqlite`. Rebuilt from it at start-up, so
 * every count is as durable as the reports it counts.
 */
export class ReportIndex {
  private readonly waiting = new Map<number, WaitingReport>();
  private readonly waitingByKey = new Map<string, number>();
  /** reporter → how many of its reports were rejected. */
  private readonly rejected = new Map<string, number>();
  /** reporter → reports made on a UTC day. */
  readonly madeToday = new Map<string, DailyUse>();
  private lastId = 0;

  static load(statements: ReportStatements, now: number): ReportIndex {
    const index = new ReportIndex();
    for (const row of statements.loadWaiting())
      index.addWaiting({ ...row, id: row.report_id, kind: row.kind as ReportKind });
    for (const { reporter, count } of statements.rejectedCounts()) index.rejected.set(reporter, count);
    const today = utcDay(now);
    for (const { reporter, count } of statements.madeSince(today * DAY_MS))
      index.madeToday.set(reporter, { day: today, used: count });
    index.lastId = statements.maxId();
    return index;
  }

  nextId(): number {
    return ++this.lastId;
  }

  get(id: number): WaitingReport | undefined {
    return this.waiting.get(id);
  }

  /** The reporter's report waiting on the same kind and target. */
  waitingOn(report: Pick<WaitingReport, "reporter" | "kind" | "target">): number | undefined {
    return this.waitingByKey.get(keyOf(report));
  }

  addWaiting(report: WaitingReport): void {
    this.waiting.set(report.id, report);
    // Reports made before the one-waiting rule (message reports of schema version 1) keep the first.
    if (!this.waitingByKey.has(keyOf(report))) this.waitingByKey.set(keyOf(report), report.id);
  }

  removeWaiting(report: WaitingReport): void {
    this.waiting.delete(report.id);
    if (this.waitingByKey.get(keyOf(report)) === report.id) this.waitingByKey.delete(keyOf(report));
  }

  /** Account deletion: its waiting reports, made or about it, and its counts go. */
  removeAccount(accountId: string): void {
    for (const report of [...this.waiting.values()])
      if (report.reporter === accountId || report.reported === accountId) this.removeWaiting(report);
    this.rejected.delete(accountId);
    this.madeToday.delete(accountId);
  }

  /** Counts one more rejected report of `reporter`; returns the new count. */
  countRejected(reporter: string, change = 1): number {
    const count = (this.rejected.get(reporter) ?? 0) + change;
    this.rejected.set(reporter, count);
    return count;
  }
}
