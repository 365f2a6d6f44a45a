import { runDailyTask } from "@venus/data-all";
import { DailyTaskReport } from "@venus/model";
import { json, userRoute } from "../../route.js";

export const runDailyTaskRoute = userRoute(
  {
    method: "post",
    path: "/admin/daily_task/run",
    summary: "Run the daily maintenance task now (it also runs at daily_task.time_utc)",
    tag: "admin",
    permission: "edit_config",
    responses: {
      200: { description: "What it changed", schema: DailyTaskReport },
    },
  },
  async ({ deps }) => json(200, await runDailyTask(deps)),
);
