import { Type, type Static } from "@sinclair/typebox";
import { AccountId } from "../ids.js";

/** One successful admin action, as the audit log keeps it. */
export const AuditEntry = Type.Object({
  id: Type.Integer({ description: "Increases with each entry." }),
  at: Type.Integer({ description: "Unix milliseconds." }),
  admin_id: AccountId,
  action: Type.String({
    description: "The route: method and path pattern, e.g. `POST /admin/accounts/:account_id/ban`.",
  }),
  target_id: Type.Union([AccountId, Type.Null()], {
    description: "The account acted on, when there is one.",
  }),
  details: Type.Record(Type.String(), Type.Unknown(), {
    description: "The request path, query and body, with secrets (passwords, keys, tokens) redacted.",
  }),
});
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditPage = Type.Object({
  items: Type.Array(AuditEntry, { description: "Newest first." }),
  next: Type.Union([Type.String(), Type.Null()], {
    description: "Pass as `before` for the next (older) page; null: no older entries.",
  }),
});
export type AuditPage = Static<typeof AuditPage>;
