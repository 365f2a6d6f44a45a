import type { ModeratedFieldName } from "./profile-entity.js";

export interface PendingModeration {
  accountId: string;
  field: ModeratedFieldName;
  changedAt: number;
}

const keyOf = (item: { accountId: string; field: ModeratedFieldName }) => `${item.accountId}/${item.field}`;

/** Opaque page cursor: the position after which the next page starts. */
function cursorOf(item: PendingModeration): string {
  return `${item.changedAt}/${keyOf(item)}`;
}

function isAfter(item: PendingModeration, cursor: string): boolean {
  const slash = cursor.indexOf("/");
  const changedAt = Number(cursor.slice(0, slash));
  return (
    item.changedAt > changedAt || (item.changedAt === changedAt && keyOf(item) > cursor.slice(slash + 1))
  );
}

/**
 * Names and texts waiting for a decision, oldest change first. A new edit of a pending field moves it
 * to the end. Pages continue after a cursor, so decisions taken meanwhile never make an admin skip one.
 */
export class ModerationQueue {
  private readonly items = new Map<string, PendingModeration>();

  add(item: PendingModeration): void {
    this.items.delete(keyOf(item));
    this.items.set(keyOf(item), item);
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

  page(after: string | undefined, limit: number): { items: PendingModeration[]; next: string | null } {
    const items: PendingModeration[] = [];
    for (const item of this.items.values()) {
      if (after !== undefined && !isAfter(item, after)) continue;
      items.push(item);
      if (items.length === limit) break;
    }
    const last = items.at(-1);
    return { items, next: items.length === limit && last ? cursorOf(last) : null };
  }
}
