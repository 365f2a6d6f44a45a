import { reportMessages } from "@venus/data-chat";
import { MessageReportRequest, ReportResponse } from "@venus/model";
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
    errors: ["envelope_invalid", "daily_report_limit"],
    responses: {
      201: { description: "Kept", schema: ReportResponse },
      200: { description: "The caller's report on this sender still waits: its id", schema: ReportResponse },
    },
  },
  async ({ auth, body, deps }) => filedReply(await reportMessages(deps.chat, auth.account.id, body)),
);
