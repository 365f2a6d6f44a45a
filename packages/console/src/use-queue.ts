import type { Session } from "@venus/web-shared";
import { useCallback, useEffect, useState } from "preact/hooks";

interface Page<T> {
  items: T[];
  next: string | null;
}

/** How many pages one load follows, so a huge queue cannot make the page hang. */
const MAX_PAGES = 10;

/**
 * A moderation queue, oldest first: its first pages, loaded again on every `moderation_queue_changed`
 * for this queue (no reload needed). `remove` drops a decided item at once.
 */
export function useQueue<T>(
  session: Session,
  path: string,
  queue: "images" | "texts",
  key: (item: T) => string,
) {
  const [items, setItems] = useState<T[]>();
  const [error, setError] = useState<string>();
  const [loads, setLoads] = useState(0);
  const load = useCallback(async () => {
    try {
      const all: T[] = [];
      let next: string | null = null;
      for (let page = 0; page < MAX_PAGES; page++) {
        const answer: Page<T> = await session.api.get<Page<T>>(
          next ? `${path}?after=${encodeURIComponent(next)}` : path,
        );
        all.push(...answer.items);
        next = answer.next;
        if (!next) break;
      }
      setItems(all);
      setLoads((count) => count + 1);
      setError(undefined);
    } catch (failure) {
      setError(String(failure));
    }
  }, [session, path]);
  useEffect(() => {
    void load();
    return session.socket.on("moderation_queue_changed", (data) => {
      if (!data || data.queue === queue) void load();
    });
  }, [session, load, queue]);
  const remove = (decided: T) => setItems((list) => list?.filter((item) => key(item) !== key(decided)));
  /** `loads` counts the loads, so views of the items' owners can load again with them. */
  return { items, error, loads, reload: load, remove };
}
