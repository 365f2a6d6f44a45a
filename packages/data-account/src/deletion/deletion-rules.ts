import type { Deletion } from "../cache/account-entity.js";

const DAY_MS = 86_400_000;

/** When a deletion asked for at `now` happens: after `waitDays` (account.deletion_wait_days). */
export const deletionTime = (now: number, waitDays: number): number => now + Math.round(waitDays * DAY_MS);

/** Whether the daily task deletes the account at `now`: its time has come, or removing it had begun. */
export const deletionDue = (deletion: Deletion, now: number): boolean =>
  deletion.deleting || deletion.at <= now;

/** Whether the owner can still keep the account: only while the wait runs. */
export const deletionCancellable = (deletion: Deletion, now: number): boolean =>
  !deletion.deleting && now < deletion.at;
