import type {
  NotificationSettings,
  PushTarget,
  PushTargetResponse,
  VapidPublicKeyResponse,
} from "@venus/model";
import type { HttpApi } from "./http-api.js";
import type { OkBody } from "./wire-types.js";

/** This device's push target and the account's notification settings (docs/push.md). */
export class PushMethods {
  constructor(private readonly http: HttpApi) {}

  /** `GET /push/vapid_public_key`: the applicationServerKey for a WebPush subscription. */
  vapidPublicKey(): Promise<VapidPublicKeyResponse> {
    return this.http.get("/push/vapid_public_key");
  }

  /** `PUT /account/push_target`: replaces this device's target. */
  setTarget(target: PushTarget): Promise<PushTargetResponse> {
    return this.http.put("/account/push_target", target);
  }

  /** `GET /account/push_target`. */
  target(): Promise<PushTargetResponse> {
    return this.http.get("/account/push_target");
  }

  /** `DELETE /account/push_target`. */
  removeTarget(): Promise<OkBody> {
    return this.http.delete("/account/push_target");
  }

  /** `GET /account/notification_settings`. */
  settings(): Promise<NotificationSettings> {
    return this.http.get("/account/notification_settings");
  }

  /** `PUT /account/notification_settings`: the whole object. */
  setSettings(settings: NotificationSettings): Promise<NotificationSettings> {
    return this.http.put("/account/notification_settings", settings);
  }
}
