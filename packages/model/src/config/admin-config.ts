import { Type } from "@sinclair/typebox";
import { configSection } from "@venus/simple-backend";

export const adminConfigSection = configSection("Administration (docs/admin.md).", {
  grant_email: Type.String({
    default: "",
    description:
      "The first account with this email gets every admin permission when it completes setup (empty: off).",
  }),
  local_port: Type.Integer({
    default: 0,
    minimum: 0,
    maximum: 65535,
    description:
      "Port of the admin listener on 127.0.0.1 that `venus admin` calls while the server runs; 0 picks a free one. The port and a token go to <data_dir>/admin.token (mode 0600).",
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
