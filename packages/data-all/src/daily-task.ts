import { endInactiveSessions, liftExpiredBans, pruneSignInCodes } from "@venus/data-account";
import { purgeDeletedContent } from "@venus/data-media";
import { pruneHistory } from "@venus/data-history";
import { runDailyProfileTask } from "@venus/data-profile";
import type { DailyTaskReport } from "@venus/model";
import { accountUseChanged } from "./account-in-use.js";
import { deleteDueAccounts } from "./deletion/delete-account.js";
import type { Components } from "./components.js";
import type { AllComponents } from "./deletion/deletion-steps.js";
import { removeExpiredExports } from "./export/export-files.js";

export type { DailyTaskReport };

/** Lifts every ban whose end has come and lists those profiles again; resolves with how many. */
async function liftBans(components: Components): Promise<number> {
  const lifted = await liftExpiredBans(components.account);
  await Promise.all(lifted.map((account) => accountUseChanged(components, account.id)));
  return lifted.length;
}

/** The daily maintenance over every component; safe to run at any time, and more than once. */
export async function runDailyTask(components: AllComponents): Promise<DailyTaskReport> {
  await pruneSignInCodes(components.account);
  return {
    ages_changed: await runDailyProfileTask(components.profile),
    content_purged: await purgeDeletedContent(components.media),
    bans_lifted: await liftBans(components),
    accounts_deleted: await deleteDueAccounts(components),
    exports_removed: await removeExpiredExports(components),
    sessions_logged_out: await endInactiveSessions(components.account),
    history_pruned: await pruneHistory(components.history),
  };
}
