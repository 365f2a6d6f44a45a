import {
  endInactiveSessions,
  liftExpiredBans,
  pruneSignInCodes,
  tidyUnusedAccounts,
} from "@venus/data-account";
import { deleteUnusedContent, purgeDeletedContent } from "@venus/data-media";
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

/** Warns unused accounts, and puts those warned long enough into the deletion wait (hidden at once). */
async function tidyAccounts(components: Components): Promise<{ warned: number; deletion_started: number }> {
  const hidden: Promise<void>[] = [];
  const result = await tidyUnusedAccounts(components.account, (account) => {
    hidden.push(accountUseChanged(components, account.id));
  });
  await Promise.all(hidden);
  return result;
}

/** The daily maintenance over every component; safe to run at any time, and more than once. */
export async function runDailyTask(components: AllComponents): Promise<DailyTaskReport> {
  await pruneSignInCodes(components.account);
  const unused = await tidyAccounts(components);
  return {
    ages_changed: await runDailyProfileTask(components.profile),
    content_purged: await purgeDeletedContent(components.media),
    bans_lifted: await liftBans(components),
    accounts_deleted: await deleteDueAccounts(components),
    exports_removed: await removeExpiredExports(components),
    sessions_logged_out: await endInactiveSessions(components.account),
    history_pruned: await pruneHistory(components.history),
    unused_accounts_warned: unused.warned,
    unused_accounts_to_delete: unused.deletion_started,
    unused_content_deleted: await deleteUnusedContent(components.media),
  };
}
