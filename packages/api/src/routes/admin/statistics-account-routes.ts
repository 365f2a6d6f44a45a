import { Type } from "@sinclair/typebox";
import { accountById } from "@venus/data-account";
import { apiUsage, ipHistory } from "@venus/data-history";
import { ApiUsage, IpHistory } from "@venus/model";
import { integerQuery } from "../../query.js";
import { json, userRoute } from "../../route.js";

export const apiUsageRoute = userRoute(
  {
    method: "get",
    path: "/admin/accounts/:account_id/api_usage",
    summary: "The account's API requests per UTC day (HTTP and WebSocket)",
    tag: "admin",
    permission: "view_statistics",
    query: {
      days: {
        description: "The last N days, today included: 1 to statistics.account_history_days (the default).",
        schema: Type.Integer({ minimum: 1 }),
      },
    },
    errors: ["not_found"],
    responses: {
      200: { description: "Requests per day", schema: ApiUsage },
    },
  },
  ({ http, deps }) => {
    const account = accountById(deps.account, http.params[0] as string);
    const days = integerQuery(http, "days", "must be a whole number of days");
    return json(200, apiUsage(deps.history, account.id, days));
  },
);

export const ipHistoryRoute = userRoute(
  {
    method: "get",
    path: "/admin/accounts/:account_id/ip_history",
    summary: "Addresses the account logged in, refreshed tokens or connected from",
    tag: "admin",
    permission: "view_statistics",
    errors: ["not_found"],
    responses: {
      200: { description: "Addresses, most recently seen first", schema: IpHistory },
    },
  },
  ({ http, deps }) =>
    json(200, ipHistory(deps.history, accountById(deps.account, http.params[0] as string).id)),
);
