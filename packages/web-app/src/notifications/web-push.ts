import type { PushTargetResponse, VapidPublicKeyResponse } from "@venus/model";
import type { ApiClient } from "@venus/web-shared";

function bytesOfBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** Whether this browser can get pushes at all (a service worker and the Push API). */
export const pushSupported = () => "serviceWorker" in navigator && "PushManager" in window;

/**
 * Asks for permission, subscribes the service worker with the server's VAPID key and registers the
 * subscription as this device's push target (`PUT /account/push_target`). Pushes come only while no
 * page of the app holds the connection: the page shows its own notices.
 */
export async function enableWebPush(api: ApiClient): Promise<NotificationPermission> {
  const permission = await Notification.requestPermission();
  if (permission !== "granted") return permission;
  const { public_key } = await api.get<VapidPublicKeyResponse>("/push/vapid_public_key");
  const registration = await navigator.serviceWorker.ready;
  const subscription = await registration.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: bytesOfBase64Url(public_key),
  });
  const { endpoint, keys } = subscription.toJSON();
  await api.put<PushTargetResponse>("/account/push_target", { provider: "webpush", endpoint, keys });
  return permission;
}

export async function disableWebPush(api: ApiClient): Promise<void> {
  await api.delete("/account/push_target");
  const registration = await navigator.serviceWorker.ready;
  await (await registration.pushManager.getSubscription())?.unsubscribe();
}
