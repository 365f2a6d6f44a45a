import { Type, type Static } from "@sinclair/typebox";
import { AccountId } from "../ids.js";
import { NextPageCursor } from "../profile/moderation-schemas.js";
import { MessageEnvelope } from "./message-schemas.js";

export const REPORT_CATEGORIES = ["spam", "harassment", "scam", "sexual_content", "threat", "other"] as const;
export const ReportCategory = Type.Union(REPORT_CATEGORIES.map((c) => Type.Literal(c)));
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

export const MessageReportRequest = Type.Object(
  {
    category: ReportCategory,
    details: Type.String({ maxLength: 2000 }),
    messages: Type.Array(MessageEnvelope, {
      minItems: 1,
      maxItems: 100,
      description: "Envelopes as received, all of one conversation; at most chat.report_max_messages.",
    }),
  },
  { additionalProperties: false },
);
export type MessageReportRequest = Static<typeof MessageReportRequest>;

export const MessageReportResponse = Type.Object({ report_id: Type.Integer() });

export const MessageReport = Type.Object({
  report_id: Type.Integer(),
  reporter: AccountId,
  reported: AccountId,
  category: ReportCategory,
  details: Type.String(),
  created_at: Type.Integer(),
  messages: Type.Array(MessageEnvelope),
  verified: Type.Boolean({ description: "Every envelope's signature checks out against the server's key." }),
});
export type MessageReport = Static<typeof MessageReport>;

export const MessageReportsPage = Type.Object({
  items: Type.Array(MessageReport, { description: "Oldest first." }),
  next: NextPageCursor,
});
export type MessageReportsPage = Static<typeof MessageReportsPage>;
