/** A binary min-heap of items keyed by distance, in two parallel arrays (no object per item). */
export class CandidateHeap<T> {
  private readonly keys: number[] = [];
  private readonly items: T[] = [];

  get size(): number {
    return this.keys.length;
  }

  /** The smallest key, or Infinity when empty. */
  peekKey(): number {
    return this.keys.length === 0 ? Infinity : (this.keys[0] as number);
  }

  push(key: number, item: T): void {
    const { keys, items } = this;
    let at = keys.length;
    keys.push(key);
    items.push(item);
    while (at > 0) {
      const parent = (at - 1) >> 1;
      const parentKey = keys[parent] as number;
      if (parentKey <= key) break;
      keys[at] = parentKey;
      items[at] = items[parent] as T;
      at = parent;
    }
    keys[at] = key;
    items[at] = item;
  }

  /** Removes and returns the item with the smallest key (read it first with `peekKey`). */
  pop(): T | undefined {
    const { keys, items } = this;
    if (keys.length === 0) return undefined;
    const top = items[0] as T;
    const lastKey = keys.pop() as number;
    const lastItem = items.pop() as T;
    const size = keys.length;
    if (size > 0) {
      let at = 0;
      for (;;) {
        let child = 2 * at + 1;
        if (child >= size) break;
        if (child + 1 < size && (keys[child + 1] as number) < (keys[child] as number)) child++;
        if ((keys[child] as number) >= lastKey) break;
        keys[at] = keys[child] as number;
        items[at] = items[child] as T;
        at = child;
      }
      keys[at] = lastKey;
      items[at] = lastItem;
    }
    return top;
  }
}
