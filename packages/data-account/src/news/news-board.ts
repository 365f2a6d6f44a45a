import type { NewsItemRow, NewsStatements } from "@venus/database";
import type { NewsBanner, NewsTranslation } from "@venus/model";

export interface NewsEntry {
  id: number;
  defaultLanguage: string;
  translations: Record<string, NewsTranslation>;
  banner: NewsBanner | null;
  createdAt: number;
  updatedAt: number;
  /** Unique among published items (the paging cursor); null: a draft or unpublished. */
  publishedAt: number | null;
}

export function entryFromRow(row: NewsItemRow): NewsEntry {
  return {
    id: row.id,
    defaultLanguage: row.default_language,
    translations: JSON.parse(row.translations) as Record<string, NewsTranslation>,
    banner:
      row.banner_severity && row.banner_until !== null
        ? { severity: row.banner_severity as NewsBanner["severity"], until: row.banner_until }
        : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    publishedAt: row.published_at,
  };
}

export function entryToRow(entry: NewsEntry): NewsItemRow {
  return {
    id: entry.id,
    default_language: entry.defaultLanguage,
    translations: JSON.stringify(entry.translations),
    banner_severity: entry.banner?.severity ?? null,
    banner_until: entry.banner?.until ?? null,
    created_at: entry.createdAt,
    updated_at: entry.updatedAt,
    published_at: entry.publishedAt,
  };
}

/** Every news item (there are few) and each account's read mark, in memory. */
export class NewsBoard {
  readonly items = new Map<number, NewsEntry>();
  /** Account id → the publishedAt of the newest item it has read. */
  readonly seen = new Map<string, number>();
  /** When an item was last deleted (the others' times cannot show it). */
  private lastDeletion = 0;

  constructor(readonly statements: NewsStatements) {
    for (const row of statements.all()) this.items.set(row.id, entryFromRow(row));
    for (const row of statements.seen()) this.seen.set(row.account_id, row.seen_at);
  }

  /** Published items, newest first. */
  published(): NewsEntry[] {
    return [...this.items.values()]
      .filter((item) => item.publishedAt !== null)
      .sort((a, b) => (b.publishedAt ?? 0) - (a.publishedAt ?? 0));
  }

  /** The `news` sync version: the last change to any item (survives restarts, never goes back). */
  version(): number {
    let version = this.lastDeletion;
    for (const item of this.items.values()) version = Math.max(version, item.updatedAt);
    return version;
  }

  delete(id: number, at: number): void {
    this.items.delete(id);
    this.lastDeletion = at;
  }

  unreadCount(accountId: string): number {
    const seen = this.seen.get(accountId) ?? 0;
    let count = 0;
    for (const item of this.items.values()) if ((item.publishedAt ?? 0) > seen) count++;
    return count;
  }

  /** A publishing time after every published item's, so the paging cursor is exact. */
  nextPublishTime(now: number): number {
    let last = 0;
    for (const item of this.items.values()) last = Math.max(last, item.publishedAt ?? 0);
    return Math.max(now, last + 1);
  }
}
