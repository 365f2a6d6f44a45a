import type { ModeratedFieldName } from "./profile-entity.js";

export interface PendingModeration {
  accountId: string;
  field: ModeratedFieldName;
  changedAt: number;
}

const keyOf = (item: { accountId: string; field: ModeratedFieldName }) => `${item.accountId}/${item.field}`;

/**
 * Names and texts waiting for a decision, oldest change first. A new edit of a pending field moves it
 * to the end. Each addition gets the next sequence number, so the order is total (edits in the same
 * millisecond included) and a page cursor is just the last sequence number seen: decisions taken
 * meanwhile never make an admin skip or repeat an item.
 */
export class ModerationQueue {
  private readonly items = new Map<string, PendingModeration & { seq: number }>();
  private nextSeq = 1;

  add(item: PendingModeration): void {
    // The same pending change again (the owner edited the other field) keeps its place.
    if (this.items.get(keyOf(item))?.changedAt === item.changedAt) return;
    this.items.delete(keyOf(item));
    this.items.set(keyOf(item), { ...item, seq: this.nextSeq++ });
  }

  remove(accountId: string, field: ModeratedFieldName): void {
    this.items.delete(keyOf({ accountId, field }));
  }

  has(accountId: string, field: ModeratedFieldName): boolean {
    return this.items.has(keyOf({ accountId, field }));
  }

  get size(): number {
    return this.items.size;
  }

  /** Up to `limit` items after the cursor `after` (a previous page's `next`). */
  page(after: string | undefined, limit: number): { items: PendingModeration[]; next: string | null } {
    const afterSeq = after === undefined ? 0 : Number(after);
    const items: PendingModeration[] = [];
    let lastSeq = 0;
    for (const { seq, ...item } of this.items.values()) {
      if (!(seq > afterSeq)) continue;
      items.push(item);
      lastSeq = seq;
      if (items.length === limit) break;
    }
    return { items, next: items.length === limit ? String(lastSeq) : null };
  }
}
