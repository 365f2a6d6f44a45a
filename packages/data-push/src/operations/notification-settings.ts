import { DEFAULT_NOTIFICATION_SETTINGS, type NotificationSettings } from "@venus/model";
import type { PushContext } from "../context.js";

export function notificationSettingsOf(ctx: PushContext, accountId: string): NotificationSettings {
  return ctx.settings.get(accountId)?.settings ?? DEFAULT_NOTIFICATION_SETTINGS;
}

/** Stores the whole settings object (answered after it commits). */
export async function setNotificationSettings(
  ctx: PushContext,
  accountId: string,
  settings: NotificationSettings,
): Promise<void> {
  const remindedAt = ctx.settings.get(accountId)?.remindedAt ?? null;
  await ctx.writer.write(() =>
    ctx.statements.saveSettings({
      account_id: accountId,
      settings: JSON.stringify(settings),
      reminded_at: remindedAt,
    }),
  );
  ctx.settings.set(accountId, { settings, remindedAt });
}
