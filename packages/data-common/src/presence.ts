import type { ConnectionRegistry } from "./connection-registry.js";
import type { WriteBehind } from "./write-behind.js";

/** Where last-seen times are held: a Map, or fields of entities the owner already keeps by id. */
export interface LastSeenTimes {
  get(accountId: string): number | undefined;
  set(accountId: string, at: number): void;
  delete(accountId: string): void;
}

/**
 * Last-seen times and online status of every account. Last seen is ephemeral state: written behind
 * (on connect and disconnect), so a crash loses at most one flush interval of it.
 */
export class Presence {
  constructor(
    private readonly connections: ConnectionRegistry,
    private readonly store: WriteBehind<string, number>,
    private readonly lastSeen: LastSeenTimes = new Map<string, number>(),
  ) {}

  /** Restores a value read at start-up, without writing it back. */
  load(accountId: string, at: number): void {
    this.lastSeen.set(accountId, at);
  }

  markSeen(accountId: string, at: number): void {
    this.lastSeen.set(accountId, at);
    this.store.set(accountId, at);
  }

  lastSeenAt(accountId: string): number | undefined {
    return this.lastSeen.get(accountId);
  }

  isOnline(accountId: string): boolean {
    return this.connections.isOnline(accountId);
  }

  forget(accountId: string): void {
    this.lastSeen.delete(accountId);
  }
}
