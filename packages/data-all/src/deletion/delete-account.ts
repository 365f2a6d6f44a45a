import {
  cancelDeletion,
  dueDeletions,
  requestDeletion,
  unfinishedDeletions,
  type Account,
} from "@venus/data-account";
import { VenusError, type DeleteAccountRequest } from "@venus/model";
import { accountUseChanged } from "../account-in-use.js";
import type { Components } from "../components.js";
import { runDeletionSteps, type AllComponents } from "./deletion-steps.js";

/** Deletions running now: a second caller waits for the same one. */
const running = new WeakMap<Account, Promise<void>>();

/** Deletes the account now, everything of it in every component; resolves once it is all gone. */
export function completeDeletion(components: AllComponents, account: Account): Promise<void> {
  let deletion = running.get(account);
  if (!deletion) {
    deletion = runDeletionSteps(components, account).finally(() => running.delete(account));
    running.set(account, deletion);
  }
  return deletion;
}

/** The owner asks for deletion: hidden everywhere at once (out of browsing too), deleted after the wait. */
export async function requestAccountDeletion(
  components: Components,
  account: Account,
  request: DeleteAccountRequest,
): Promise<void> {
  let announced: Promise<void> = Promise.resolve();
  await requestDeletion(components.account, account, request.password, () => {
    announced = accountUseChanged(components, account.id);
  });
  await announced;
}

/** The owner keeps the account while the wait runs: back in browsing when its settings allow. */
export async function cancelAccountDeletion(components: Components, account: Account): Promise<void> {
  await cancelDeletion(components.account, account);
  await accountUseChanged(components, account.id);
}

/** An admin deletes an account now (whatever its state); an admin's own account only by themself. */
export async function deleteAccountNow(
  components: AllComponents,
  admin: Account | null,
  target: Account,
): Promise<void> {
  if (target.id === admin?.id) throw new VenusError("cannot_act_on_self");
  await completeDeletion(components, target);
}

/** The daily task's part: deletes every account whose wait is over; resolves with how many. */
export async function deleteDueAccounts(components: AllComponents): Promise<number> {
  const due = dueDeletions(components.account);
  for (const account of due) await completeDeletion(components, account);
  return due.length;
}

/** At start-up, before listening: finishes every deletion a crash interrupted; resolves with how many. */
export async function finishInterruptedDeletions(components: AllComponents): Promise<number> {
  const unfinished = unfinishedDeletions(components.account);
  for (const account of unfinished) await completeDeletion(components, account);
  return unfinished.length;
}
