import { currentStatistics, statisticsHistory } from "@venus/data-profile";
import { ProfileStatistics, StatisticsHistory } from "@venus/model";
import { json, userRoute } from "../../route.js";

export const statisticsRoute = userRoute(
  {
    method: "get",
    path: "/profile/statistics",
    summary: "Public profiles by gender and age (recounted at most once a minute)",
    tag: "profile",
    responses: { 200: { description: "Statistics", schema: ProfileStatistics } },
  },
  ({ deps }) => {
    const { generated_at, public: shown } = currentStatistics(deps.profile);
    return json(200, { generated_at, public: shown });
  },
);

export const adminStatisticsRoute = userRoute(
  {
    method: "get",
    path: "/admin/profile/statistics",
    summary: "Public and private profiles by gender and age",
    tag: "admin",
    permission: "view_statistics",
    responses: {
      200: { description: "Statistics", schema: ProfileStatistics },
    },
  },
  ({ deps }) => json(200, currentStatistics(deps.profile)),
);

export const statisticsHistoryRoute = userRoute(
  {
    method: "get",
    path: "/admin/profile/statistics/history",
    summary: "One statistics entry per day, recorded by the daily task",
    tag: "admin",
    permission: "view_statistics",
    responses: {
      200: { description: "History", schema: StatisticsHistory },
    },
  },
  ({ deps }) => json(200, statisticsHistory(deps.profile)),
);
