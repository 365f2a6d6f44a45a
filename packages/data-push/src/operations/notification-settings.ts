import { DEFAULT_NOTIFICATION_SETTINGS, type NotificationSettings } from "@venus/model";
import type { AccountNotifications, PushContext } from "../context.js";

export function notificationSettingsOf(ctx: PushContext, accountId: string): NotificationSettings {
  return ctx.settings.get(accountId)?.settings ?? DEFAULT_NOTIFICATION_SETTINGS;
}

/** What is stored for the account, or the defaults. */
export function notificationsOf(ctx: PushContext, accountId: string): AccountNotifications {
  return (
    ctx.settings.get(accountId) ?? {
      settings: DEFAULT_NOTIFICATION_SETTINGS,
      remindedAt: null,
      unsubscribeToken: null,
    }
  );
}

/** Stores the account's row (settings, last reminder, unsubscribe token); in memory once committed. */
export async function saveNotifications(
  ctx: PushContext,
  accountId: string,
  notifications: AccountNotifications,
): Promise<void> {
  await ctx.writer.write(() =>
    ctx.statements.saveSettings({
      account_id: accountId,
      settings: JSON.stringify(notifications.settings),
      reminded_at: notifications.remindedAt,
      unsubscribe_token: notifications.unsubscribeToken,
    }),
  );
  ctx.settings.set(accountId, notifications);
  if (notifications.unsubscribeToken !== null)
    ctx.unsubscribeTokens.set(notifications.unsubscribeToken, accountId);
}

/** Stores the whole settings object (answered after it commits). */
export async function setNotificationSettings(
  ctx: PushContext,
  accountId: string,
  settings: NotificationSettings,
): Promise<void> {
  await saveNotifications(ctx, accountId, { ...notificationsOf(ctx, accountId), settings });
  ctx.wakeDispatcher();
}
