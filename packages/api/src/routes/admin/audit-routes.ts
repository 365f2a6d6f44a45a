import { Type } from "@sinclair/typebox";
import { auditPage } from "@venus/data-account";
import { AuditPage } from "@venus/model";
import { integerQuery } from "../../query.js";
import { json, userRoute } from "../../route.js";

export const auditRoute = userRoute(
  {
    method: "get",
    path: "/admin/audit",
    summary: "The admin audit log, newest first; `?before=` takes the previous page's `next`",
    tag: "admin",
    permission: "manage_admins",
    query: {
      limit: {
        description: "Entries per page, 1 to admin.audit_page_size (the default).",
        schema: Type.Integer({ minimum: 1 }),
      },
      before: { description: "The `next` of the previous page.", schema: Type.String() },
      account_id: {
        description: "Only entries by this admin or about this account.",
        schema: Type.String({ format: "uuid" }),
      },
    },
    responses: {
      200: { description: "A page", schema: AuditPage },
    },
  },
  ({ http, deps }) =>
    json(
      200,
      auditPage(deps.account, {
        limit: integerQuery(http, "limit", "must be a positive integer"),
        before: integerQuery(http, "before", "must be the `next` of a previous page"),
        accountId: http.query.get("account_id") ?? undefined,
      }),
    ),
);
