import type { AuditPage, Report } from "@venus/model";
import type { Session } from "@venus/web-shared";
import { useLoad } from "../../use-load.js";
import { decisionText } from "../recent-decisions.js";
import { allReports } from "../reports/reporter-history.js";
import { Part, time } from "./part.js";

export function ReportsPart({ session, id }: { session: Session; id: string }) {
  const loaded = useLoad(() => allReports(session), [id]);
  const line = (report: Report) => (
    <li key={report.report_id}>
      {report.kind.replaceAll("_", " ")} as {report.category}, {report.state} ({time(report.created_at)})
    </li>
  );
  return (
    <Part title="Reports" loaded={loaded}>
      {(reports) => (
        <div class="two">
          <div>
            <h3>Made</h3>
            <ul>{reports.filter((report) => report.reporter === id).map(line)}</ul>
          </div>
          <div>
            <h3>Received</h3>
            <ul>{reports.filter((report) => report.reported === id).map(line)}</ul>
          </div>
        </div>
      )}
    </Part>
  );
}

export function AuditPart({ session, id }: { session: Session; id: string }) {
  const loaded = useLoad(() => session.api.get<AuditPage>(`/admin/audit?account_id=${id}`), [id]);
  return (
    <Part title="Audit log" loaded={loaded}>
      {(page) => (
        <ul>
          {page.items.map((entry) => (
            <li key={entry.id}>
              {time(entry.at)}: <code>{entry.action}</code> by{" "}
              {entry.admin_id === id ? (
                "the account itself"
              ) : (
                <a href={`#/accounts/${entry.admin_id}`}>{entry.admin_id}</a>
              )}{" "}
              {decisionText(entry)}
            </li>
          ))}
        </ul>
      )}
    </Part>
  );
}
