import type { PushCauseRow } from "@venus/database";
import type { NotificationSettings, PushKind } from "@venus/model";
import { quietUntil } from "./quiet-hours.js";

const SETTING: Record<PushKind, keyof NotificationSettings["kinds"] | undefined> = {
  message: "messages",
  like: "likes",
  match: "matches",
  moderation: "moderation",
  news: "news",
  automatic_search: "automatic_search",
  // Bans and deletion reminders always go out (quiet hours hold them back): the user must learn of them.
  account: undefined,
  account_deletion_reminder: undefined,
};

/** What to do with a waiting cause row now: push it, drop it, or look again at `at`. */
export type CauseDecision = { action: "push" } | { action: "drop" } | { action: "wait"; at: number };

/**
 * Pure: a kind the user switched off is dropped; quiet hours and the coalescing interval (since the
 * last push of this kind to the account) make it wait, gathering further events into one push.
 */
export function decideCause(
  row: PushCauseRow,
  settings: NotificationSettings,
  lastPushedAt: number | undefined,
  coalesceMs: number,
  now: number,
): CauseDecision {
  const setting = SETTING[row.kind as PushKind];
  if (setting && settings.kinds[setting] === false) return { action: "drop" };
  const quiet = quietUntil(settings.quiet_hours, now);
  if (quiet !== undefined) return { action: "wait", at: quiet };
  if (lastPushedAt !== undefined && now < lastPushedAt + coalesceMs)
    return { action: "wait", at: lastPushedAt + coalesceMs };
  return { action: "push" };
}
