import { createHash } from "node:crypto";
import { WEEKDAYS, type AutomaticSearchSettings } from "@venus/model";

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Where in any window this account's run falls, as a fraction in [0, 1): the same every day. */
export function accountSpread(accountId: string): number {
  return createHash("sha256").update(accountId).digest().readUInt32BE(0) / 2 ** 32;
}

/**
 * When the account's next run is due, or undefined when it has none (switched off, no weekday).
 * Each chosen local day has one run, at the account's spread point of the window; a day whose run is
 * done (`lastRunAt` inside or after its window) is skipped; a day whose point has passed while its
 * window is still open (a restart, a clock moved forward) runs at once.
 */
export function nextRunAt(
  settings: AutomaticSearchSettings,
  spread: number,
  lastRunAt: number | null,
  now: number,
): number | undefined {
  if (!settings.enabled || settings.weekdays.length === 0) return undefined;
  const offsetMs = settings.utc_offset_minutes * MINUTE_MS;
  const startMs = minutesOf(settings.window_start) * MINUTE_MS;
  const lengthMs = minutesOf(settings.window_end) * MINUTE_MS - startMs;
  const today = Math.floor((now + offsetMs) / DAY_MS);
  for (let day = today - 1; day <= today + 7; day++) {
    // 1970-01-01, local day 0, was a Thursday.
    if (!settings.weekdays.includes(WEEKDAYS[(day + 3) % 7] as (typeof WEEKDAYS)[number])) continue;
    const opens = day * DAY_MS + startMs - offsetMs;
    if (now >= opens + lengthMs || (lastRunAt !== null && lastRunAt >= opens)) continue;
    return Math.max(now, opens + Math.floor(spread * lengthMs));
  }
  return undefined;
}
