import type { MediaAccount } from "./media-entities.js";

const DAY_MS = 86_400_000;

export const utcDay = (time: number): string => new Date(time).toISOString().slice(0, 10);

/** Uploads the account may still start today (UTC). */
export function uploadsLeftToday(account: MediaAccount, perDay: number, now: number): number {
  return account.uploadDay === utcDay(now) ? Math.max(0, perDay - account.uploadsToday) : perDay;
}

export function countUpload(account: MediaAccount, now: number): void {
  const today = utcDay(now);
  if (account.uploadDay !== today) {
    account.uploadDay = today;
    account.uploadsToday = 0;
  }
  account.uploadsToday++;
}

/** Whole seconds until the next UTC midnight, when the daily limit starts over. */
export function secondsUntilTomorrow(now: number): number {
  return Math.max(1, Math.ceil((DAY_MS - (now % DAY_MS)) / 1000));
}
