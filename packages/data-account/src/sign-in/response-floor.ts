import { setTimeout as sleep } from "node:timers/promises";

/**
 * Runs `work` and answers (or fails) no sooner than `floorMs` after the start, so the answer time
 * does not tell which way the work went (an address with or without an account).
 */
export async function noSoonerThan<T>(floorMs: number, work: () => Promise<T>): Promise<T> {
  const until = performance.now() + floorMs;
  try {
    return await work();
  } finally {
    const wait = until - performance.now();
    if (wait > 0) await sleep(wait);
  }
}
