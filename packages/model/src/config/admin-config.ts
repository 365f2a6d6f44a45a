import { Type } from "@sinclair/typebox";
import { configSection } from "@venus/simple-backend";

export const adminConfigSection = configSection("Administration (docs/admin.md).", {
  grant_email: Type.String({
    default: "",
    description:
      "The first account with this email gets every admin permission when it completes setup (empty: off).",
  }),
  ban_reason_max_bytes: Type.Integer({
    default: 1000,
    minimum: 1,
    maximum: 10000,
    description: "Longest ban reason (shown to the banned user), in UTF-8 bytes after trimming.",
  }),
  audit_page_size: Type.Integer({
    default: 100,
    minimum: 1,
    maximum: 1000,
    description: "Audit log entries per page (GET /admin/audit): the default and the largest `limit`.",
  }),
});
