import { Type, type Static } from "@sinclair/typebox";
import { MessageEnvelope } from "../chat/message-schemas.js";
import { AccountId } from "../ids.js";
import { ContentId } from "../media/media-schemas.js";
import { NextPageCursor } from "../profile/moderation-schemas.js";

const literals = <T extends string>(values: readonly T[]) => values.map((value) => Type.Literal(value));

export const REPORT_KINDS = ["profile_name", "profile_text", "image", "messages"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const ReportKind = Type.Union(literals(REPORT_KINDS));

export const REPORT_STATES = ["waiting", "accepted", "rejected"] as const;
export type ReportState = (typeof REPORT_STATES)[number];
export const ReportState = Type.Union(literals(REPORT_STATES));

export const ReportCategory = Type.String({
  pattern: "^[a-z][a-z0-9_]{0,31}$",
  description:
    "One of reports.categories (by default spam, scam, harassment, threat, nudity, sexual_content, underage, other).",
});

export const ReportDetails = Type.String({
  description: "What the reporter adds; at most reports.details_max_bytes UTF-8 bytes.",
});

/** `POST /report/profile_name|profile_text/{account_id}`, `POST /report/image/{account_id}/{content_id}`. */
export const ReportRequest = Type.Object(
  { category: ReportCategory, details: Type.Optional(ReportDetails) },
  { additionalProperties: false },
);
export type ReportRequest = Static<typeof ReportRequest>;

export const ReportResponse = Type.Object({
  report_id: Type.Integer({
    description: "The new report, or the reporter's one still waiting on the same.",
  }),
});
export type ReportResponse = Static<typeof ReportResponse>;

/** A report as admins with `process_reports` see it. */
export const Report = Type.Object({
  report_id: Type.Integer(),
  kind: ReportKind,
  reporter: AccountId,
  reported: AccountId,
  category: ReportCategory,
  details: Type.String(),
  created_at: Type.Integer({ description: "Unix ms." }),
  state: ReportState,
  decided_at: Type.Union([Type.Integer(), Type.Null()], { description: "Unix ms; null while waiting." }),
  decided_by: Type.Union([AccountId, Type.Null()], { description: "The admin who decided." }),
  note: Type.Union([Type.String(), Type.Null()], { description: "The admin's note with the decision." }),
  text: Type.Optional(
    Type.String({ description: "profile_name, profile_text: the name or text as the reporter saw it." }),
  ),
  content_id: Type.Optional(ContentId),
  messages: Type.Optional(Type.Array(MessageEnvelope, { description: "messages: the signed copy." })),
  verified: Type.Optional(
    Type.Boolean({
      description: "messages: every envelope's signature checks out against the server's key.",
    }),
  ),
});
export type Report = Static<typeof Report>;

export const ReportsPage = Type.Object({
  items: Type.Array(Report, { description: "Oldest first." }),
  next: NextPageCursor,
});
export type ReportsPage = Static<typeof ReportsPage>;

export const ReportDecisionRequest = Type.Object(
  {
    decision: Type.Union([Type.Literal("accept"), Type.Literal("reject")]),
    note: Type.Optional(Type.String({ description: "At most reports.details_max_bytes UTF-8 bytes." })),
  },
  { additionalProperties: false },
);
export type ReportDecisionRequest = Static<typeof ReportDecisionRequest>;

export const ReportDecisionResponse = Type.Object({
  report: Report,
  reporter_banned: Type.Boolean({
    description: "This rejection banned the reporter (reports.rejected_to_ban reached).",
  }),
});
export type ReportDecisionResponse = Static<typeof ReportDecisionResponse>;
