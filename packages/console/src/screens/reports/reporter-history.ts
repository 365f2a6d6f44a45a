import type { ReportsPage, ReportState } from "@venus/model";
import type { Session } from "@venus/web-shared";

export interface ReporterHistory {
  accepted: number;
  rejected: number;
}

/** Pages of decided reports read for the history (the oldest of a very long history is left out). */
const MAX_PAGES = 5;

async function decided(session: Session, state: ReportState): Promise<ReportsPage["items"]> {
  const items: ReportsPage["items"] = [];
  let after: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query: string = after ? `&after=${encodeURIComponent(after)}` : "";
    const answer: ReportsPage = await session.api.get<ReportsPage>(`/admin/reports?state=${state}${query}`);
    items.push(...answer.items);
    after = answer.next;
    if (!after) break;
  }
  return items;
}

/** Reports in every state (each state's first pages), for an account's page. */
export async function allReports(session: Session): Promise<ReportsPage["items"]> {
  const states: ReportState[] = ["waiting", "accepted", "rejected"];
  return (await Promise.all(states.map((state) => decided(session, state)))).flat();
}

/** Each reporter's decided reports: how many were accepted and how many rejected. */
export async function reporterHistories(session: Session): Promise<Map<string, ReporterHistory>> {
  const histories = new Map<string, ReporterHistory>();
  const entry = (id: string) => histories.get(id) ?? histories.set(id, { accepted: 0, rejected: 0 }).get(id)!;
  for (const report of await decided(session, "accepted")) entry(report.reporter).accepted++;
  for (const report of await decided(session, "rejected")) entry(report.reporter).rejected++;
  return histories;
}

/**
 * A reporter whose reports are mostly refused: at least 3 rejected, and more rejected than accepted.
 * A mark for the moderator only; the server bans by `reports.rejected_to_ban` on its own.
 */
export const looksLikeSpam = (history: ReporterHistory | undefined) =>
  history !== undefined && history.rejected >= 3 && history.rejected > history.accepted;
