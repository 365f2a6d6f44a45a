/**
 * A page of a list kept oldest first, read newest first. The cursor is the `seq` of the last item
 * of the previous page, so additions and removals meanwhile never make a reader skip or repeat one.
 */
export function newestFirstPage<T extends { seq: number }>(
  oldestFirst: Iterable<T>,
  after: string | undefined,
  limit: number,
  shown: (item: T) => boolean,
): { items: T[]; next: string | null } {
  const before = after === undefined ? Infinity : Number(after);
  const all = [...oldestFirst];
  const items: T[] = [];
  for (let i = all.length - 1; i >= 0 && items.length < limit; i--) {
    const item = all[i] as T;
    if (item.seq < before && shown(item)) items.push(item);
  }
  const last = items.at(-1);
  return { items, next: items.length === limit && last ? String(last.seq) : null };
}
