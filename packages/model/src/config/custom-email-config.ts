import { Type } from "@sinclair/typebox";
import { configSection } from "@venus/simple-backend";

export const customEmailConfigSection = configSection(
  "Custom mails admins write to one account or to all (POST /admin/email, docs/admin.md).",
  {
    to_one_per_hour: Type.Integer({
      default: 60,
      minimum: 1,
      description: "Mails to single accounts one admin may send per hour (429 rate_limited).",
    }),
    to_all_min_interval_hours: Type.Number({
      default: 24,
      minimum: 0,
      description: "At most one mail to all in this many hours, across admins (429 email_to_all_too_soon).",
    }),
    max_text_chars: Type.Integer({
      default: 20000,
      minimum: 1,
      maximum: 100000,
      description: "Longest mail text, in characters (400 validation_failed).",
    }),
  },
);
