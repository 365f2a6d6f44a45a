import type { Account } from "@venus/data-account";
import { decideReport, reportById } from "@venus/data-chat";
import type { ReportDecisionRequest, ReportDecisionResponse } from "@venus/model";
import { banProfileAccount } from "./account-bans.js";
import type { Components } from "./components.js";

const DAY_MS = 86_400_000;

/** Whether a rejection that brings a reporter to `rejectedCount` bans them: every `threshold`-th (0: never). */
export const spamBanDue = (rejectedCount: number, threshold: number): boolean =>
  threshold > 0 && rejectedCount > 0 && rejectedCount % threshold === 0;

/**
 * Whether the spam ban would change anything: an account being deleted is left alone, and a ban that
 * lasts longer (or has no end) is not shortened.
 */
function banApplies(reporter: Account, until: number): boolean {
  if (reporter.state === "banned") return reporter.ban?.until != null && reporter.ban.until < until;
  return reporter.state === "normal" || reporter.state === "initial_setup";
}

/** Bans a reporter whose reports were rejected too often, through the ordinary ban (shown, lifted daily). */
async function banSpamReporter(components: Components, admin: Account, reporterId: string, count: number) {
  const reporter = components.account.cache.accounts.get(reporterId);
  const { spam_ban_days: days } = components.chat.config.reports;
  const until = components.account.now() + days * DAY_MS;
  if (!reporter || !banApplies(reporter, until)) return false;
  const reason = `Banned for ${days} days: ${count} of your reports were rejected as unfounded.`;
  await banProfileAccount(components, admin, reporter, { reason, until: new Date(until).toISOString() });
  return true;
}

/**
 * Records an admin's decision on a report. A rejection that brings the reporter's rejected reports
 * to a multiple of `reports.rejected_to_ban` bans the reporter for `reports.spam_ban_days`.
 * Accepting does not ban the reported account: admins do that with the ban route.
 */
export async function decideReportOf(
  components: Components,
  admin: Account,
  reportId: number,
  request: ReportDecisionRequest,
): Promise<ReportDecisionResponse> {
  const { reporter, rejectedCount } = await decideReport(components.chat, admin.id, reportId, request);
  const threshold = components.chat.config.reports.rejected_to_ban;
  const reporterBanned =
    rejectedCount !== null &&
    spamBanDue(rejectedCount, threshold) &&
    (await banSpamReporter(components, admin, reporter, rejectedCount));
  return { report: reportById(components.chat, reportId), reporter_banned: reporterBanned };
}
