import type { AccountAddressRow } from "@venus/database";

type Sighting = Omit<AccountAddressRow, "account_id" | "address">;

/** Adds `b` to `a`: the earliest first, the latest last, the counts summed. */
export function mergeSightings(a: Sighting, b: Sighting): Sighting {
  return {
    first_seen: Math.min(a.first_seen, b.first_seen),
    last_seen: Math.max(a.last_seen, b.last_seen),
    count: a.count + b.count,
  };
}

/**
 * Addresses each account signed in or connected from since the last flush; a flush adds them to
 * history.sqlite (first and last seen widen, counts add up).
 */
export class AddressSightings {
  private pending = new Map<string, Map<string, Sighting>>();

  see(accountId: string, address: string, at: number): void {
    let addresses = this.pending.get(accountId);
    if (!addresses) this.pending.set(accountId, (addresses = new Map()));
    const seen = { first_seen: at, last_seen: at, count: 1 };
    const before = addresses.get(address);
    addresses.set(address, before ? mergeSightings(before, seen) : seen);
  }

  /** The account's sightings not flushed yet, by address. */
  pendingFor(accountId: string): ReadonlyMap<string, Sighting> {
    return this.pending.get(accountId) ?? new Map<string, Sighting>();
  }

  /** Drops the account's pending sightings (account deletion). */
  forget(accountId: string): void {
    this.pending.delete(accountId);
  }

  /** Hands over every pending sighting as rows to add, and starts again from empty. */
  take(): AccountAddressRow[] {
    const rows: AccountAddressRow[] = [];
    for (const [account_id, addresses] of this.pending)
      for (const [address, seen] of addresses) rows.push({ account_id, address, ...seen });
    this.pending = new Map();
    return rows;
  }
}
