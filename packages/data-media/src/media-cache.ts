import type { MediaStatements } from "@venus/database";
import { countUse, CursorQueue, utcDay } from "@venus/data-common";
import {
  applyMediaAccountRow,
  contentFromRow,
  newMediaAccount,
  type Content,
  type MediaAccount,
} from "./media-entities.js";

export interface PendingContent {
  accountId: string;
  contentId: string;
}

/** Every account's media in memory, every content item by id (deleted ones until purged), and the moderation queue. */
export class MediaCache {
  readonly accounts = new Map<string, MediaAccount>();
  readonly content = new Map<string, Content>();
  /** Waiting content, oldest upload first, keyed by content id. */
  readonly moderation = new CursorQueue<PendingContent>();

  account(accountId: string): MediaAccount {
    let account = this.accounts.get(accountId);
    if (!account) this.accounts.set(accountId, (account = newMediaAccount(accountId)));
    return account;
  }

  static load(statements: MediaStatements, now: number): MediaCache {
    const cache = new MediaCache();
    const today = utcDay(now);
    for (const row of statements.loadContent()) {
      const content = contentFromRow(row);
      cache.content.set(content.id, content);
      const account = cache.account(content.accountId);
      // Uploads that completed today count against today's limit after a restart too.
      if (utcDay(content.uploadedAt) === today) countUse(account.uploads, content.uploadedAt);
      if (content.deletedAt !== null) continue;
      account.content.push(content);
      if (content.state === "waiting")
        cache.moderation.add(content.id, { accountId: content.accountId, contentId: content.id });
    }
    for (const row of statements.loadAccounts()) applyMediaAccountRow(cache.account(row.account_id), row);
    return cache;
  }
}
