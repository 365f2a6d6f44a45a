import { CursorQueue } from "@venus/data-common";
import type { ModeratedFieldName } from "./profile-entity.js";

export interface PendingModeration {
  accountId: string;
  field: ModeratedFieldName;
  changedAt: number;
}

const keyOf = (accountId: string, field: ModeratedFieldName) => `${accountId}/${field}`;

/** Names and texts waiting for a decision, oldest change first; a new edit of a pending field moves it to the end. */
export class ModerationQueue {
  private readonly queue = new CursorQueue<PendingModeration>();

  add(item: PendingModeration): void {
    const key = keyOf(item.accountId, item.field);
    // The same pending change again (the owner edited the other field) keeps its place.
    if (this.queue.get(key)?.changedAt === item.changedAt) return;
    this.queue.add(key, item);
  }

  remove(accountId: string, field: ModeratedFieldName): void {
    this.queue.remove(keyOf(accountId, field));
  }

  has(accountId: string, field: ModeratedFieldName): boolean {
    return this.queue.has(keyOf(accountId, field));
  }

  get size(): number {
    return this.queue.size;
  }

  page(after: string | undefined, limit: number): { items: PendingModeration[]; next: string | null } {
    return this.queue.page(after, limit);
  }
}
