/**
 * Items waiting for someone (a moderator), oldest addition first, read in pages. Each addition gets
 * the next sequence number, so the order is total (additions in the same millisecond included) and a
 * page cursor is just the last sequence number seen: items removed meanwhile never make a reader skip
 * or repeat one. Adding a key again moves it to the end.
 */
export class CursorQueue<T> {
  private readonly items = new Map<string, { item: T; seq: number }>();
  private nextSeq = 1;

  add(key: string, item: T): void {
    this.items.delete(key);
    this.items.set(key, { item, seq: this.nextSeq++ });
  }

  get(key: string): T | undefined {
    return this.items.get(key)?.item;
  }

  has(key: string): boolean {
    return this.items.has(key);
  }

  remove(key: string): void {
    this.items.delete(key);
  }

  get size(): number {
    return this.items.size;
  }

  /** Up to `limit` items after the cursor `after` (a previous page's `next`). */
  page(after: string | undefined, limit: number): { items: T[]; next: string | null } {
    const afterSeq = after === undefined ? 0 : Number(after);
    const items: T[] = [];
    let lastSeq = 0;
    for (const { item, seq } of this.items.values()) {
      if (!(seq > afterSeq)) continue;
      items.push(item);
      lastSeq = seq;
      if (items.length === limit) break;
    }
    return { items, next: items.length === limit ? String(lastSeq) : null };
  }
}
