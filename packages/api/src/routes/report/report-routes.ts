import { reportImage, reportProfileText } from "@venus/data-all";
import type { FiledReport } from "@venus/data-chat";
import { ReportRequest, ReportResponse } from "@venus/model";
import type { HttpReply } from "@venus/simple-backend";
import type { ApiDeps } from "../../api-deps.js";
import { json, userRoute } from "../../route.js";
import { reportDetailsJsonBytes } from "../chat/body-limits.js";

/** `201` for a new report, `200` when the reporter's report on the same thing was still waiting. */
export const filedReply = (filed: FiledReport): HttpReply =>
  json(filed.created ? 201 : 200, { report_id: filed.report_id });

const reportBodyBytes = (deps: ApiDeps) => reportDetailsJsonBytes(deps) + 1024;

const RESPONSES = {
  201: { description: "Kept for the admins", schema: ReportResponse },
  200: { description: "The reporter's report on the same thing still waits: its id", schema: ReportResponse },
};

const ERRORS = ["not_found", "daily_report_limit"] as const;

const profileTextRoute = (kind: "profile_name" | "profile_text", what: string) =>
  userRoute(
    {
      method: "post",
      path: `/report/${kind}/:account_id`,
      summary: `Report a profile's ${what} as the caller sees it; the ${what} is kept as it is now`,
      tag: "report",
      body: ReportRequest,
      maxBodyBytes: reportBodyBytes,
      errors: ERRORS,
      responses: RESPONSES,
    },
    async ({ http, auth, body, deps }) =>
      filedReply(await reportProfileText(deps, auth.account, kind, http.params[0] ?? "", body)),
  );

export const reportNameRoute = profileTextRoute("profile_name", "name");
export const reportTextRoute = profileTextRoute("profile_text", "text");

export const reportImageRoute = userRoute(
  {
    method: "post",
    path: "/report/image/:account_id/:content_id",
    summary: "Report an image of an account that the caller can see",
    tag: "report",
    body: ReportRequest,
    maxBodyBytes: reportBodyBytes,
    errors: ERRORS,
    responses: RESPONSES,
  },
  async ({ http, auth, body, deps }) => {
    const [ownerId = "", contentId = ""] = http.params;
    return filedReply(await reportImage(deps, auth.account, ownerId, contentId, body));
  },
);
