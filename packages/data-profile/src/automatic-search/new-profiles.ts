import { WriteBehind, type GroupCommitWriter } from "@venus/data-common";
import type { AutomaticSearchStatements } from "@venus/database";
import type { GeoBox } from "../location/grid.js";
import { LocationIndex } from "../location/location-index.js";
import type { Profile } from "../profile-entity.js";

/**
 * The profiles that entered the listing (became public, got a location, came back from a ban) in the
 * last `lookbackMs`, in a location index of their own: an automatic search scans only these, near the
 * account, never every profile. When each entered is write-behind state (`profile_listed`), like the
 * location index: after a crash at most one flush interval of it is lost, and such a profile is not
 * reported as new. Entries leave after `lookbackMs` (`prune`, oldest first) or when unlisted.
 */
export class NewProfiles {
  readonly index: LocationIndex<Profile>;
  private readonly listedAt = new Map<string, number>();
  /** Entry times in order; stale ones (unlisted, listed again) are skipped when pruned. */
  private order: { id: string; at: number }[] = [];
  private head = 0;
  readonly persisted: WriteBehind<string, number>;

  constructor(
    box: GeoBox,
    cellKm: number,
    private readonly lookbackMs: number,
    private readonly now: () => number,
    writer: GroupCommitWriter,
    statements: AutomaticSearchStatements,
  ) {
    this.index = new LocationIndex<Profile>(box, cellKm);
    // Only while still listed at that time: a deleted account's pending entry must not write its id back.
    this.persisted = new WriteBehind(writer, (_db, id, at) => {
      if (this.listedAt.get(id) === at) statements.setListed(id, at);
    });
  }

  get size(): number {
    return this.index.size;
  }

  /** When the profile entered the listing, if within the look-back. */
  listedAtOf(accountId: string): number | undefined {
    return this.listedAt.get(accountId);
  }

  /** A listed profile: `entered` (it was not listed before) marks it new now; else a move is followed. */
  listed(profile: Profile, entered: boolean): void {
    if (entered) {
      const at = this.now();
      this.restore(profile, at);
      this.persisted.set(profile.accountId, at);
    } else if (this.listedAt.has(profile.accountId)) {
      this.index.upsert(profile.accountId, profile.latitude as number, profile.longitude as number, profile);
    }
  }

  /** At start-up: a listed profile that entered at `at` (from the table, oldest first). */
  restore(profile: Profile, at: number): void {
    this.listedAt.set(profile.accountId, at);
    this.order.push({ id: profile.accountId, at });
    this.index.upsert(profile.accountId, profile.latitude as number, profile.longitude as number, profile);
  }

  unlisted(accountId: string): void {
    if (this.listedAt.delete(accountId)) this.index.remove(accountId);
  }

  /** Forgets what entered `lookbackMs` ago or earlier; the cut-off time, for the table's own prune. */
  prune(): number {
    const cutoff = this.now() - this.lookbackMs;
    const { order } = this;
    while (this.head < order.length && (order[this.head] as { at: number }).at <= cutoff) {
      const { id, at } = order[this.head++] as { id: string; at: number };
      if (this.listedAt.get(id) === at) this.unlisted(id);
    }
    if (this.head > 1024 && this.head * 2 > order.length) {
      this.order = order.slice(this.head);
      this.head = 0;
    }
    return cutoff;
  }
}
