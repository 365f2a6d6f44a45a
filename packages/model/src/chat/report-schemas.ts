import { Type, type Static } from "@sinclair/typebox";
import { ReportCategory, ReportDetails } from "../report/report-schemas.js";
import { MessageEnvelope } from "./message-schemas.js";

/** `POST /chat/report`: a report of kind `messages` (docs/protocol.md, "Envelopes and reports"). */
export const MessageReportRequest = Type.Object(
  {
    category: ReportCategory,
    details: Type.Optional(ReportDetails),
    messages: Type.Array(MessageEnvelope, {
      minItems: 1,
      maxItems: 100,
      description: "Envelopes as received, all of one conversation; at most chat.report_max_messages.",
    }),
  },
  { additionalProperties: false },
);
export type MessageReportRequest = Static<typeof MessageReportRequest>;
