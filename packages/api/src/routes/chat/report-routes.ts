import { reportMessages } from "@venus/data-chat";
import { ErrorResponse, MessageReportRequest, ReportResponse } from "@venus/model";
import { userRoute } from "../../route.js";
import { filedReply } from "../report/report-routes.js";
import { reportJsonBytes } from "./body-limits.js";

export const reportMessagesRoute = userRoute(
  {
    method: "post",
    path: "/chat/report",
    summary:
      "Report messages received from one sender: the server checks its signature on each envelope and keeps the copy for the admins' report queue",
    tag: "chat",
    body: MessageReportRequest,
    maxBodyBytes: reportJsonBytes,
    responses: {
      201: { description: "Kept", schema: ReportResponse },
      200: { description: "The caller's report on this sender still waits: its id", schema: ReportResponse },
      400: {
        description:
          "validation_failed (more than chat.report_max_messages, category not in reports.categories, details too long)",
        schema: ErrorResponse,
      },
      422: {
        description: "envelope_invalid (not signed by this server, not to the caller, or several senders)",
        schema: ErrorResponse,
      },
      429: { description: "daily_report_limit (reports.per_day), with Retry-After", schema: ErrorResponse },
    },
  },
  async ({ auth, body, deps }) => filedReply(await reportMessages(deps.chat, auth.account.id, body)),
);
