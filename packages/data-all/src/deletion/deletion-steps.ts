import { markDeleting, removeAccountRow, type Account } from "@venus/data-account";
import { removeChatAccount } from "@venus/data-chat";
import { forgetAccountHistory, type HistoryContext } from "@venus/data-history";
import { removeMediaAccount } from "@venus/data-media";
import { removeProfile } from "@venus/data-profile";
import { forgetPushAccount, type PushContext } from "@venus/data-push";
import { accountUseChanged } from "../account-in-use.js";
import type { Components } from "../components.js";
import { removeAccountExport } from "../export/export-files.js";

/** Every component: deletion reaches history.sqlite and push.sqlite too. */
export type AllComponents = Components & { history: HistoryContext; push: PushContext };

export const DELETION_STEPS = [
  "marked",
  "chat",
  "media",
  "profile",
  "history",
  "push",
  "export",
  "account",
] as const;
export type DeletionStep = (typeof DELETION_STEPS)[number];

/** Told after each committed step: the server logs it (and tests pause there to crash the process). */
export type DeletionStepObserver = (accountId: string, step: DeletionStep) => void | Promise<void>;

let observer: DeletionStepObserver | undefined;

/** Sets the one observer of deletion steps (the server's); undefined removes it. */
export function observeDeletionSteps(next: DeletionStepObserver | undefined): void {
  observer = next;
}

/** The mark: hidden everywhere from here on, out of browsing too. */
async function mark(components: Components, account: Account): Promise<void> {
  const done = markDeleting(components.account, account);
  await Promise.all([done, accountUseChanged(components, account.id)]);
}

/** What each step removes; each is idempotent, so redoing a step a crash interrupted is safe. */
const STEP_ACTIONS: Record<DeletionStep, (components: AllComponents, account: Account) => Promise<void>> = {
  marked: mark,
  chat: (c, account) => removeChatAccount(c.chat, account.id),
  media: (c, account) => removeMediaAccount(c.media, account.id),
  profile: (c, account) => removeProfile(c.profile, account.id),
  history: (c, account) => forgetAccountHistory(c.history, account.id),
  push: (c, account) => forgetPushAccount(c.push, account.id),
  export: (c, account) => removeAccountExport(c, account.id),
  account: (c, account) => removeAccountRow(c.account, account),
};

/**
 * Removes the account from every component, in one operation a crash cannot leave half done: first
 * the durable mark (account.sqlite), then each component's rows and files, each step committed before
 * the next, and the account row last. A crash anywhere leaves the mark, and start-up runs every step
 * again before listening.
 */
export async function runDeletionSteps(components: AllComponents, account: Account): Promise<void> {
  for (const step of DELETION_STEPS) {
    await STEP_ACTIONS[step](components, account);
    await observer?.(account.id, step);
  }
}
