export const DAY_MS = 86_400_000;

/** Days since the epoch, in UTC: daily limits start over at UTC midnight. */
export const utcDay = (time: number): number => Math.floor(time / DAY_MS);

/** Whole seconds until the next UTC midnight, when daily limits start over (at least 1). */
export function secondsUntilTomorrow(now: number): number {
  return Math.max(1, Math.ceil((DAY_MS - (now % DAY_MS)) / 1000));
}

/** How much of a daily allowance was used, and on which UTC day. */
export interface DailyUse {
  day: number;
  used: number;
}

/** What is left of `perDay` today. */
export function leftToday(use: DailyUse, perDay: number, now: number): number {
  return use.day === utcDay(now) ? Math.max(0, perDay - use.used) : perDay;
}

/** Counts one use today, starting the count over on a new day. */
export function countUse(use: DailyUse, now: number): void {
  const today = utcDay(now);
  if (use.day !== today) {
    use.day = today;
    use.used = 0;
  }
  use.used++;
}
