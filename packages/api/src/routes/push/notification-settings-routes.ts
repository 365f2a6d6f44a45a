import { notificationSettingsOf, setNotificationSettings } from "@venus/data-push";
import { NotificationSettings } from "@venus/model";
import { json, userRoute } from "../../route.js";

export const notificationSettingsRoute = userRoute(
  {
    method: "get",
    path: "/account/notification_settings",
    summary: "Which kinds of push the account wants, quiet hours, and reminder emails",
    tag: "account",
    responses: {
      200: {
        description: "Settings (defaults: everything on, no quiet hours)",
        schema: NotificationSettings,
      },
    },
  },
  ({ auth, deps }) => json(200, notificationSettingsOf(deps.push, auth.account.id)),
);

export const setNotificationSettingsRoute = userRoute(
  {
    method: "put",
    path: "/account/notification_settings",
    summary: "Replace the account's notification settings (every device's pushes follow them)",
    tag: "account",
    body: NotificationSettings,
    responses: { 200: { description: "Saved", schema: NotificationSettings } },
  },
  async ({ auth, body, deps }) => {
    await setNotificationSettings(deps.push, auth.account.id, body);
    return json(200, notificationSettingsOf(deps.push, auth.account.id));
  },
);
