import type { Report, ReportDecisionRequest, ReportDecisionResponse, ReportsPage } from "@venus/model";
import type { Session } from "@venus/web-shared";
import { useCallback, useEffect, useState } from "preact/hooks";
import { useListKeys } from "../../use-keys.js";
import { ReportCard } from "./report-card.js";
import { reporterHistories, type ReporterHistory } from "./reporter-history.js";

/** Waiting reports, oldest first; each decided with one action (`a` accept, `x` reject). */
export function ReportQueue({ session }: { session: Session }) {
  const [reports, setReports] = useState<Report[]>();
  const [histories, setHistories] = useState(new Map<string, ReporterHistory>());
  const [selected, setSelected] = useState(0);
  const [message, setMessage] = useState<string>();
  const load = useCallback(async () => {
    setReports((await session.api.get<ReportsPage>("/admin/reports")).items);
    setHistories(await reporterHistories(session));
  }, [session]);
  useEffect(() => void load(), [load]);
  const list = reports ?? [];
  const index = Math.min(selected, Math.max(0, list.length - 1));
  const decide = async (report: Report, decision: ReportDecisionRequest["decision"], note = "") => {
    const body: ReportDecisionRequest = { decision, ...(note ? { note } : {}) };
    try {
      const answer = await session.api.post<ReportDecisionResponse>(
        `/admin/reports/${report.report_id}/decision`,
        body,
      );
      setMessage(
        `Report ${report.report_id} ${answer.report.state}${answer.reporter_banned ? "; the reporter is now banned" : ""}`,
      );
    } catch (error) {
      setMessage(`Not decided: ${String(error)}`);
    }
    await load();
  };
  const current = list[index];
  useListKeys(
    index,
    list.length,
    setSelected,
    {
      a: () => current && void decide(current, "accept"),
      x: () => current && void decide(current, "reject"),
    },
    { axis: "column" },
  );
  if (!reports) return <p>Loading…</p>;
  return (
    <section aria-label="Waiting reports">
      <h1>
        Reports <span class="count">{list.length} waiting</span>
      </h1>
      <p class="muted keys">
        <kbd>↓</kbd>/<kbd>j</kbd> next · <kbd>↑</kbd>/<kbd>k</kbd> previous · <kbd>a</kbd> accept ·{" "}
        <kbd>x</kbd> reject
      </p>
      <p role="status" class="decision">
        {message}
      </p>
      {list.length === 0 && <p>No report waits.</p>}
      <ol class="text-list">
        {list.map((report, at) => (
          <ReportCard
            key={report.report_id}
            session={session}
            report={report}
            history={histories.get(report.reporter)}
            selected={at === index}
            onSelect={() => setSelected(at)}
            onDecide={(decision, note) => void decide(report, decision, note)}
          />
        ))}
      </ol>
    </section>
  );
}
