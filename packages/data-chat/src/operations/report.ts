import { VenusError, type MessageEnvelope, type MessageReportRequest, invalidField } from "@venus/model";
import type { ChatContext } from "../context.js";
import { signedEnvelopeValid } from "../envelope-signature.js";
import { fileReport, type FiledReport } from "../reports/file-report.js";

/**
 * A recipient reports messages it received from one sender (a report of kind `messages`). Each
 * envelope must carry this server's signature, so the copy kept for admins is exactly what the sender
 * sent (encrypted: the reporter decides what to reveal in `details`).
 */
export function reportMessages(
  ctx: ChatContext,
  reporterId: string,
  request: MessageReportRequest,
): Promise<FiledReport> {
  const { messages } = request;
  const max = ctx.config.chat.report_max_messages;
  if (messages.length > max) throw invalidField("messages", `at most ${max} per report`);
  const reported = (messages[0] as MessageEnvelope).sender;
  for (const envelope of messages) {
    if (
      envelope.recipient !== reporterId ||
      envelope.sender !== reported ||
      !signedEnvelopeValid(ctx.signingSecret, envelope)
    )
      throw new VenusError(
        "envelope_invalid",
        `message ${envelope.uuid} is not one this server signed from one sender to you`,
      );
  }
  return fileReport(ctx, {
    reporter: reporterId,
    reported,
    kind: "messages",
    target: reported,
    category: request.category,
    details: request.details,
    snapshot: { messages },
  });
}
