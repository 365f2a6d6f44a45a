import type { QuietHours } from "@venus/model";

const DAY_MINUTES = 24 * 60;
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * When quiet hours that hold at `now` end (unix ms), or undefined when `now` is outside them. A window
 * whose end is before its start runs over midnight; start equal to end is no window.
 */
export function quietUntil(quiet: QuietHours | null, now: number): number | undefined {
  if (!quiet) return undefined;
  const start = minutes(quiet.start);
  const end = minutes(quiet.end);
  if (start === end) return undefined;
  const localMs = now + quiet.utc_offset_minutes * 60_000;
  const minuteOfDay = Math.floor(localMs / 60_000) % DAY_MINUTES;
  const inside =
    start < end ? minuteOfDay >= start && minuteOfDay < end : minuteOfDay >= start || minuteOfDay < end;
  if (!inside) return undefined;
  const untilEnd = (end - minuteOfDay + DAY_MINUTES) % DAY_MINUTES;
  const startOfMinute = now - (localMs % 60_000);
  return startOfMinute + untilEnd * 60_000;
}
