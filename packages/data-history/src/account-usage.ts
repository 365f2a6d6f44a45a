import type { AccountUsageRow } from "@venus/database";

/**
 * Requests per account and UTC day counted since the last flush; a flush adds them to
 * history.sqlite, so a crash loses at most one flush interval of counts.
 */
export class AccountUsage {
  private pending = new Map<string, Map<number, number>>();

  count(accountId: string, day: number): void {
    let days = this.pending.get(accountId);
    if (!days) this.pending.set(accountId, (days = new Map()));
    days.set(day, (days.get(day) ?? 0) + 1);
  }

  /** Counts of the account not flushed yet, by day. */
  pendingFor(accountId: string): ReadonlyMap<number, number> {
    return this.pending.get(accountId) ?? new Map<number, number>();
  }

  /** Drops the account's pending counts (account deletion). */
  forget(accountId: string): void {
    this.pending.delete(accountId);
  }

  /** Hands over every pending count as rows to add, and starts again from empty. */
  take(): AccountUsageRow[] {
    const rows: AccountUsageRow[] = [];
    for (const [account_id, days] of this.pending)
      for (const [day, requests] of days) rows.push({ account_id, day, requests });
    this.pending = new Map();
    return rows;
  }
}
