import { decideReportOf } from "@venus/data-all";
import { reportQueue } from "@venus/data-chat";
import {
  REPORT_KINDS,
  REPORT_STATES,
  ReportDecisionRequest,
  ReportDecisionResponse,
  ReportKind,
  ReportState,
  ReportsPage,
  VenusError,
  invalidField,
} from "@venus/model";
import type { HttpRequestContext } from "@venus/simple-backend";
import { PAGE_CURSOR_QUERY, pageCursor } from "../../query.js";
import { json, userRoute } from "../../route.js";

/** `?name=` as one of `values`, or undefined when absent; anything else is `400 validation_failed`. */
function oneOf<T extends string>(
  http: HttpRequestContext,
  name: string,
  values: readonly T[],
): T | undefined {
  const value = http.query.get(name);
  if (value === null) return undefined;
  if (!(values as readonly string[]).includes(value))
    throw invalidField(name, `must be one of ${values.join(", ")}`);
  return value as T;
}

export const reportQueueRoute = userRoute(
  {
    method: "get",
    path: "/admin/reports",
    summary: "Reports in one state (waiting by default), oldest first, optionally of one kind",
    tag: "admin",
    permission: "process_reports",
    query: {
      state: { description: "waiting (default), accepted or rejected.", schema: ReportState },
      kind: { description: "Only reports of this kind.", schema: ReportKind },
      ...PAGE_CURSOR_QUERY,
    },
    responses: {
      200: { description: "A page", schema: ReportsPage },
    },
  },
  ({ http, deps }) =>
    json(
      200,
      reportQueue(deps.chat, {
        state: oneOf(http, "state", REPORT_STATES),
        kind: oneOf(http, "kind", REPORT_KINDS),
        after: pageCursor(http),
      }),
    ),
);

export const decideReportRoute = userRoute(
  {
    method: "post",
    path: "/admin/reports/:report_id/decision",
    summary:
      "Accept or reject a waiting report; rejecting may ban the reporter (reports.rejected_to_ban). Accepting bans nobody",
    tag: "admin",
    permission: "process_reports",
    body: ReportDecisionRequest,
    errors: ["not_found", "report_decided", "cannot_act_on_self"],
    responses: {
      200: { description: "The decided report", schema: ReportDecisionResponse },
    },
  },
  async ({ http, auth, body, deps }) => {
    const id = http.params[0] ?? "";
    if (!/^[1-9]\d{0,14}$/.test(id)) throw new VenusError("not_found", "no such report");
    return json(200, await decideReportOf(deps, auth.account, Number(id), body));
  },
);
