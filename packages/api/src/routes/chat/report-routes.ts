import { messageReports, reportMessages } from "@venus/data-chat";
import { ErrorResponse, MessageReportRequest, MessageReportResponse, MessageReportsPage } from "@venus/model";
import { PAGE_CURSOR_QUERY, pageCursor } from "../../query.js";
import { json, userRoute } from "../../route.js";
import { reportJsonBytes } from "./body-limits.js";

export const reportMessagesRoute = userRoute(
  {
    method: "post",
    path: "/chat/report",
    summary:
      "Report messages received from one sender: the server checks its signature on each envelope and keeps the copy for moderators",
    tag: "chat",
    body: MessageReportRequest,
    maxBodyBytes: reportJsonBytes,
    responses: {
      201: { description: "Kept", schema: MessageReportResponse },
      400: { description: "validation_failed (more than chat.report_max_messages)", schema: ErrorResponse },
      422: {
        description: "envelope_invalid (not signed by this server, not to the caller, or several senders)",
        schema: ErrorResponse,
      },
    },
  },
  async ({ auth, body, deps }) =>
    json(201, { report_id: await reportMessages(deps.chat, auth.account.id, body) }),
);

export const messageReportsRoute = userRoute(
  {
    method: "get",
    path: "/admin/chat/reports",
    summary: "Reported messages, oldest first, each with whether its signatures still check out",
    tag: "admin",
    permission: "process_reports",
    query: PAGE_CURSOR_QUERY,
    responses: {
      200: { description: "A page", schema: MessageReportsPage },
      403: { description: "forbidden", schema: ErrorResponse },
    },
  },
  ({ http, deps }) => json(200, messageReports(deps.chat, pageCursor(http))),
);
