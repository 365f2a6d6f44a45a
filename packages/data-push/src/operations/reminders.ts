import { randomBytes } from "node:crypto";
import type { PushContext } from "../context.js";
import { notificationsOf, saveNotifications } from "./notification-settings.js";

/**
 * Whether the account may get a reminder now for what has waited unseen since `waitingSince`
 * (unix ms): reminders on (config and the account's setting), none in the last interval, and the
 * delay passed (the longer one when the account has a push target).
 */
export function reminderDue(ctx: PushContext, accountId: string, waitingSince: number): boolean {
  const { reminders } = ctx.config.push;
  const { settings, remindedAt } = notificationsOf(ctx, accountId);
  if (!reminders.enabled || !settings.email_reminders) return false;
  const now = ctx.now();
  if (remindedAt !== null && now - remindedAt < reminders.interval_seconds * 1000) return false;
  const delay = ctx.targets.hasAny(accountId) ? reminders.delay_with_push_seconds : reminders.delay_seconds;
  return now - waitingSince >= delay * 1000;
}

/**
 * Records a reminder as sent (before the mail is queued: a crash between the two loses one reminder
 * rather than sending two) and resolves with the account's unsubscribe token, made on the first.
 */
export async function markReminded(ctx: PushContext, accountId: string): Promise<string> {
  const notifications = notificationsOf(ctx, accountId);
  const unsubscribeToken = notifications.unsubscribeToken ?? randomBytes(24).toString("base64url");
  await saveNotifications(ctx, accountId, { ...notifications, remindedAt: ctx.now(), unsubscribeToken });
  return unsubscribeToken;
}

/** The one-click link: switches reminder emails off; false for an unknown token. */
export async function unsubscribeReminders(ctx: PushContext, token: string): Promise<boolean> {
  const accountId = ctx.unsubscribeTokens.get(token);
  if (accountId === undefined) return false;
  const notifications = notificationsOf(ctx, accountId);
  const settings = { ...notifications.settings, email_reminders: false };
  await saveNotifications(ctx, accountId, { ...notifications, settings });
  return true;
}
export const UNSUBSCRIBE_LINK_PATH = "/push/reminders/unsubscribe";
