import {
  VenusError,
  type MessageEnvelope,
  type MessageReportRequest,
  type MessageReportsPage,
  type ReportCategory,
} from "@venus/model";
import type { ChatContext } from "../context.js";
import { envelopeSignatureValid } from "../envelope-signature.js";

const signatureValid = (ctx: ChatContext, envelope: MessageEnvelope) =>
  envelopeSignatureValid(
    ctx.signingSecret,
    {
      sender: envelope.sender,
      recipient: envelope.recipient,
      uuid: envelope.uuid,
      number: envelope.number,
      sentAt: envelope.sent_at,
      senderKeyId: envelope.sender_key_id,
      recipientKeyId: envelope.recipient_key_id,
      body: Buffer.from(envelope.body, "base64"),
    },
    envelope.signature,
  );

/**
 * A recipient reports messages it received from one sender. Each envelope must carry this server's
 * signature, so the copy kept for moderators is exactly what the sender sent (encrypted: the reporter
 * decides what to reveal in `details`). Resolves with the report id.
 */
export async function reportMessages(
  ctx: ChatContext,
  reporterId: string,
  request: MessageReportRequest,
): Promise<number> {
  const { messages } = request;
  const max = ctx.config.chat.report_max_messages;
  if (messages.length > max) throw new VenusError("validation_failed", `messages: at most ${max} per report`);
  const reported = (messages[0] as MessageEnvelope).sender;
  for (const envelope of messages) {
    if (envelope.recipient !== reporterId || envelope.sender !== reported || !signatureValid(ctx, envelope))
      throw new VenusError(
        "envelope_invalid",
        `message ${envelope.uuid} is not one this server signed from one sender to you`,
      );
  }
  const row = {
    reporter: reporterId,
    reported,
    category: request.category,
    details: request.details,
    envelopes: JSON.stringify(messages),
    created_at: ctx.now(),
  };
  return ctx.writer.write(() => ctx.statements.insertReport(row));
}

/** Message reports oldest first, each checked again against the signing secret. */
export function messageReports(ctx: ChatContext, after: string | undefined): MessageReportsPage {
  const limit = ctx.config.chat.page_size;
  const rows = ctx.statements.reportsAfter(after === undefined ? 0 : Number(after), limit);
  const items = rows.map((row) => {
    const messages = JSON.parse(row.envelopes) as MessageEnvelope[];
    return {
      report_id: row.report_id,
      reporter: row.reporter,
      reported: row.reported,
      category: row.category as ReportCategory,
      details: row.details,
      created_at: row.created_at,
      messages,
      verified: messages.every((envelope) => signatureValid(ctx, envelope)),
    };
  });
  return { items, next: rows.length === limit ? String(rows.at(-1)?.report_id) : null };
}
