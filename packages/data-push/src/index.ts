export { openPushComponent, type PushComponent, type PushComponentOptions } from "./push-component.js";
export type { PushContext, PushSources, PushSession } from "./context.js";
export { notificationSettingsOf, setNotificationSettings } from "./operations/notification-settings.js";
export {
  setPushTarget,
  pushTargetOf,
  removePushTarget,
  removeSessionTargets,
} from "./operations/push-target.js";
export type { PushProviderClient, PushPayload, PushResult } from "./providers/push-provider.js";
export { VAPID_FILE } from "./vapid-keys.js";
export { forgetPushAccount } from "./operations/forget-account.js";
export {
  reminderDue,
  markReminded,
  unsubscribeReminders,
  UNSUBSCRIBE_LINK_PATH,
} from "./operations/reminders.js";
