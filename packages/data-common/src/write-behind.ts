import type { Database } from "@venus/database";
import type { GroupCommitWriter } from "./group-commit-writer.js";

/**
 * Ephemeral state (last seen, token use, counters) kept in memory and written later: the latest value
 * per key is flushed in one writer operation. After a crash at most one flush interval is lost.
 */
export class WriteBehind<K, V> {
  private dirty = new Map<K, V>();

  constructor(
    private readonly writer: GroupCommitWriter,
    private readonly persist: (db: Database, key: K, value: V) => void,
  ) {}

  set(key: K, value: V): void {
    this.dirty.set(key, value);
  }

  get size(): number {
    return this.dirty.size;
  }

  async flush(): Promise<void> {
    if (this.dirty.size === 0) return;
    const entries = this.dirty;
    this.dirty = new Map();
    try {
      await this.writer.write((db) => {
        for (const [key, value] of entries) this.persist(db, key, value);
      });
    } catch (error) {
      for (const [key, value] of entries) if (!this.dirty.has(key)) this.dirty.set(key, value);
      throw error;
    }
  }
}

/** Flushes every registered write-behind store on a timer and on demand (shutdown). */
export class WriteBehindFlusher {
  private readonly stores: { flush(): Promise<void> }[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly onError: (error: unknown) => void) {}

  add(store: { flush(): Promise<void> }): void {
    this.stores.push(store);
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => {
      this.flushAll().catch(this.onError);
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  async flushAll(): Promise<void> {
    await Promise.all(this.stores.map((store) => store.flush()));
  }
}
