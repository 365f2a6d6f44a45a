import type { Report } from "@venus/model";
import { AuthImage, type Session } from "@venus/web-shared";
import { looksLikeSpam, type ReporterHistory } from "./reporter-history.js";

interface ReportCardProps {
  session: Session;
  report: Report;
  history: ReporterHistory | undefined;
  selected: boolean;
  onSelect(): void;
  onDecide(decision: "accept" | "reject", note: string): void;
}

function Reported({ session, report }: { session: Session; report: Report }) {
  if (report.kind === "image" && report.content_id)
    return (
      <AuthImage
        api={session.api}
        path={`/media/content/${report.reported}/${report.content_id}`}
        size={320}
        alt="The reported image"
        class="reported-image"
      />
    );
  if (report.messages)
    return (
      <div>
        <p class={report.verified ? "ok" : "error"}>
          {report.verified
            ? "✔ Every message carries the server's valid signature: they are as sent."
            : "✘ A signature does not check out: these messages may have been altered."}
        </p>
        <table class="messages">
          <caption class="muted">
            Reported messages (end-to-end encrypted; shown as the server relayed them)
          </caption>
          <thead>
            <tr>
              <th>#</th>
              <th>sent</th>
              <th>from</th>
              <th>body (encrypted)</th>
            </tr>
          </thead>
          <tbody>
            {report.messages.map((message) => (
              <tr key={message.uuid}>
                <td>{message.number}</td>
                <td>{new Date(message.sent_at).toLocaleString()}</td>
                <td>{message.sender === report.reported ? "reported" : "reporter"}</td>
                <td>
                  <code>{message.body.slice(0, 48)}…</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  return <q class="reported-text">{report.text}</q>;
}

/** One waiting report: what was reported, by whom (with their history), and the two decisions. */
export function ReportCard({ session, report, history, selected, onSelect, onDecide }: ReportCardProps) {
  const note = () =>
    (document.getElementById(`note-${report.report_id}`) as HTMLInputElement | null)?.value ?? "";
  return (
    <li class={selected ? "report selected" : "report"} aria-current={selected}>
      <button type="button" class="plain" onClick={onSelect}>
        <strong>{report.kind.replaceAll("_", " ")}</strong> reported as <strong>{report.category}</strong>{" "}
        <span class="muted">{new Date(report.created_at).toLocaleString()}</span>
      </button>
      <p>
        Reported: <a href={`#/accounts/${report.reported}`}>{report.reported}</a> · Reporter:{" "}
        <a href={`#/accounts/${report.reporter}`}>{report.reporter}</a>{" "}
        <span class="muted">
          ({history?.accepted ?? 0} accepted, {history?.rejected ?? 0} rejected before)
        </span>{" "}
        {looksLikeSpam(history) && <span class="tag spam">spam reporter?</span>}
      </p>
      {report.details && <p class="details">“{report.details}”</p>}
      <Reported session={session} report={report} />
      <div class="buttons">
        <input
          id={`note-${report.report_id}`}
          aria-label="Note with the decision"
          placeholder="Note (optional)"
        />
        <button type="button" class="primary" onClick={() => onDecide("accept", note())}>
          Accept (a)
        </button>
        <button type="button" class="danger" onClick={() => onDecide("reject", note())}>
          Reject (x)
        </button>
      </div>
    </li>
  );
}
