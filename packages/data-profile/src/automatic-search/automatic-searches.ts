import type { AutomaticSearchRow } from "@venus/database";
import type { AutomaticSearchSettings } from "@venus/model";
import { CandidateHeap } from "../location/candidate-heap.js";
import { accountSpread, nextRunAt } from "./run-time.js";

/** One account's automatic search, as stored. */
export interface SearchState {
  settings: AutomaticSearchSettings;
  since: number;
  lastRunAt: number | null;
  version: number;
  /** The last run's finds, nearest first (account ids). */
  results: string[];
  /** When the next run is due; the queue holds stale keys too, skipped when popped. */
  dueAt: number | undefined;
}

export const stateToRow = (accountId: string, state: SearchState): AutomaticSearchRow => ({
  account_id: accountId,
  settings: JSON.stringify(state.settings),
  since: state.since,
  last_run_at: state.lastRunAt,
  version: state.version,
  results: JSON.stringify(state.results),
});

/**
 * Every account's automatic search in memory, and a queue of the runs due, soonest first: finding the
 * due runs costs a heap pop each, whatever the number of subscribers.
 */
export class AutomaticSearches {
  readonly states = new Map<string, SearchState>();
  private readonly queue = new CandidateHeap<string>();
  private readonly listeners: (() => void)[] = [];

  constructor(private readonly now: () => number) {}

  load(rows: AutomaticSearchRow[]): void {
    for (const row of rows) {
      const state: SearchState = {
        settings: JSON.parse(row.settings) as AutomaticSearchSettings,
        since: row.since,
        lastRunAt: row.last_run_at,
        version: row.version,
        results: JSON.parse(row.results) as string[],
        dueAt: undefined,
      };
      this.states.set(row.account_id, state);
      this.plan(row.account_id, state);
    }
  }

  /** Computes and queues the account's next run; tells the listeners (a scheduler waits for it). */
  plan(accountId: string, state: SearchState): void {
    state.dueAt = nextRunAt(state.settings, accountSpread(accountId), state.lastRunAt, this.now());
    if (state.dueAt === undefined) return;
    this.queue.push(state.dueAt, accountId);
    for (const listener of this.listeners) listener();
  }

  onPlanned(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** When the soonest run is due (Infinity: none). */
  nextDueAt(): number {
    while (this.queue.size > 0) {
      const key = this.queue.peekKey();
      const id = this.queue.pop() as string;
      if (this.states.get(id)?.dueAt === key) {
        this.queue.push(key, id);
        return key;
      }
    }
    return Infinity;
  }

  /** Takes up to `limit` accounts whose run is due now. */
  takeDue(limit: number): string[] {
    const due: string[] = [];
    const now = this.now();
    while (due.length < limit && this.queue.size > 0 && this.queue.peekKey() <= now) {
      const key = this.queue.peekKey();
      const id = this.queue.pop() as string;
      const state = this.states.get(id);
      if (state?.dueAt !== key) continue;
      state.dueAt = undefined;
      due.push(id);
    }
    return due;
  }

  forget(accountId: string): void {
    this.states.delete(accountId);
  }
}
