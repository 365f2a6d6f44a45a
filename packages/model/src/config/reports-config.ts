import { Type } from "@sinclair/typebox";
import { configSection } from "@venus/simple-backend";

export const reportsConfigSection = configSection(
  "Reports of profile names, texts, images and messages, and their queue (docs/admin.md, Reports).",
  {
    categories: Type.Array(Type.String({ pattern: "^[a-z][a-z0-9_]{0,31}$" }), {
      default: ["spam", "scam", "harassment", "threat", "nudity", "sexual_content", "underage", "other"],
      minItems: 1,
      maxItems: 50,
      uniqueItems: true,
      description: "The categories a report may name (400 validation_failed for any other).",
    }),
    details_max_bytes: Type.Integer({
      default: 2000,
      minimum: 0,
      maximum: 20000,
      description:
        "Longest `details` of a report, and `note` of an admin's decision, in UTF-8 bytes (400 validation_failed beyond).",
    }),
    per_day: Type.Integer({
      default: 20,
      minimum: 1,
      description: "New reports an account may make per UTC day (429 daily_report_limit).",
    }),
    page_size: Type.Integer({
      default: 50,
      minimum: 1,
      maximum: 1000,
      description: "Reports per page of the admin queue (GET /admin/reports).",
    }),
    rejected_to_ban: Type.Integer({
      default: 10,
      minimum: 0,
      description:
        "Each time this many more of an account's reports have been rejected, the account is banned for spam_ban_days (0: never).",
    }),
    spam_ban_days: Type.Integer({
      default: 90,
      minimum: 1,
      maximum: 3650,
      description: "How long the ban for rejected reports lasts, in days.",
    }),
  },
);
