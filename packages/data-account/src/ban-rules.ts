import { invalidField } from "@venus/model";
import type { Ban } from "./cache/account-entity.js";

/** The reason shown to a banned user: trimmed, not empty, at most `maxBytes` UTF-8 bytes. */
export function checkBanReason(reason: string, maxBytes: number): string {
  const trimmed = reason.trim();
  if (trimmed === "") throw invalidField("reason", "must not be empty");
  if (Buffer.byteLength(trimmed, "utf8") > maxBytes)
    throw invalidField("reason", `must be at most ${maxBytes} bytes`);
  return trimmed;
}

/** A ban's end as unix ms (null: no end); it must be a time after `now`. */
export function parseBanUntil(until: string | null | undefined, now: number): number | null {
  if (until === undefined || until === null) return null;
  const at = Date.parse(until);
  if (Number.isNaN(at)) throw invalidField("until", "not a date-time");
  if (at <= now) throw invalidField("until", "must be in the future");
  return at;
}

/** Whether the daily task lifts this ban at `now`. */
export const banExpired = (ban: Ban, now: number): boolean => ban.until !== null && ban.until <= now;
