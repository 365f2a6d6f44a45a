import { utcDay } from "@venus/data-common";
import { randomBytes } from "node:crypto";
import type { ProfileIterator } from "../location/profile-iterator.js";
import type { Profile } from "../profile-entity.js";

export interface BrowseSession {
  id: string;
  iterator: ProfileIterator<Profile>;
}

interface BrowseUse {
  day: number;
  resets: number;
  pages: number;
}

/**
 * One browse session per account (a reset replaces it) and the day's use of resets and pages. Both
 * are memory only: after a restart a client resets, and the day's counts start again.
 */
export class BrowseSessions {
  private readonly sessions = new Map<string, BrowseSession>();
  private readonly use = new Map<string, BrowseUse>();

  start(accountId: string, iterator: ProfileIterator<Profile>): BrowseSession {
    const session = { id: randomBytes(12).toString("base64url"), iterator };
    this.sessions.set(accountId, session);
    return session;
  }

  current(accountId: string): BrowseSession | undefined {
    return this.sessions.get(accountId);
  }

  end(accountId: string): void {
    this.sessions.delete(accountId);
  }

  /** Today's use for the account (a new UTC day starts from zero). */
  today(accountId: string, now: number): BrowseUse {
    const day = utcDay(now);
    let use = this.use.get(accountId);
    if (!use || use.day !== day) this.use.set(accountId, (use = { day, resets: 0, pages: 0 }));
    return use;
  }
}
