import { purgeDeletedContent } from "@venus/data-media";
import { runDailyProfileTask } from "@venus/data-profile";
import type { Components } from "./components.js";

export interface DailyTaskReport {
  ages_changed: number;
  content_purged: number;
}

/** The daily maintenance over every component; safe to run at any time, and more than once. */
export async function runDailyTask(components: Components): Promise<DailyTaskReport> {
  return {
    ages_changed: await runDailyProfileTask(components.profile),
    content_purged: await purgeDeletedContent(components.media),
  };
}
