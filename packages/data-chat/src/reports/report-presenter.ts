import type { ReportRow } from "@venus/database";
import type { MessageEnvelope, Report, ReportKind, ReportState } from "@venus/model";
import { signedEnvelopeValid } from "../envelope-signature.js";

interface Snapshot {
  text?: string;
  content_id?: string;
  messages?: MessageEnvelope[];
}

/** A stored report as admins see it; message envelopes are checked again against the signing secret. */
export function presentReport(row: ReportRow, signingSecret: Buffer): Report {
  const snapshot = JSON.parse(row.snapshot) as Snapshot;
  const { messages } = snapshot;
  return {
    report_id: row.report_id,
    kind: row.kind as ReportKind,
    reporter: row.reporter,
    reported: row.reported,
    category: row.category,
    details: row.details,
    created_at: row.created_at,
    state: row.state as ReportState,
    decided_at: row.decided_at,
    decided_by: row.decided_by,
    note: row.note,
    ...snapshot,
    ...(messages
      ? { verified: messages.every((envelope) => signedEnvelopeValid(signingSecret, envelope)) }
      : {}),
  };
}
