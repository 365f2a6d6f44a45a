import { Type } from "@sinclair/typebox";
import { hourlyHistory, storeHours } from "@venus/data-history";
import { ServerStatisticsHistory, invalidField } from "@venus/model";
import type { HttpRequestContext } from "@venus/simple-backend";
import { json, userRoute } from "../../route.js";

const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** An optional ISO 8601 time (or date, meaning UTC midnight) query parameter, as Unix ms. */
function timeQuery(http: HttpRequestContext, name: string): number | undefined {
  const value = http.query.get(name);
  if (value === null) return undefined;
  const time = ISO_TIME.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) throw invalidField(name, `must be an ISO 8601 time, e.g. 2025-01-31T12:00:00Z`);
  return time;
}

const timeParameter = (description: string) => ({
  description,
  schema: Type.String({ format: "date-time" }),
});

export const statisticsHistoryHoursRoute = userRoute(
  {
    method: "get",
    path: "/admin/statistics/history",
    summary: "Stored hourly server statistics: clients, accounts, online accounts, API requests",
    tag: "admin",
    permission: "view_statistics",
    query: {
      from: timeParameter("Hours starting at or after this (default: a day before `to`)."),
      to: timeParameter("Hours starting before this (default: now)."),
    },
    errors: ["range_too_long"],
    responses: {
      200: { description: "Hours, oldest first", schema: ServerStatisticsHistory },
    },
  },
  ({ http, deps }) =>
    json(200, hourlyHistory(deps.history, { from: timeQuery(http, "from"), to: timeQuery(http, "to") })),
);

export const storeStatisticsHourRoute = userRoute(
  {
    method: "post",
    path: "/admin/statistics/store_hour",
    summary: "Store the current hour's statistics now (they are stored each hour and at shutdown anyway)",
    tag: "admin",
    permission: "edit_config",
    responses: {
      200: {
        description: "How many hours were written (the current one and any ended one not stored yet)",
        schema: Type.Object({ hours_stored: Type.Integer() }),
      },
    },
  },
  async ({ deps }) => json(200, { hours_stored: await storeHours(deps.history, { current: true }) }),
);
