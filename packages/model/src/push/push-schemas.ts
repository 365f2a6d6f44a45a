import { Type, type Static } from "@sinclair/typebox";

/** What a push tells about; the app fetches the rest over its own signed-in connection. */
export const PUSH_KINDS = [
  "message",
  "like",
  "match",
  "moderation",
  "account",
  "account_deletion_reminder",
  "news",
  "automatic_search",
] as const;
export type PushKind = (typeof PUSH_KINDS)[number];

/** The push providers a device can register with. */
export const PUSH_PROVIDERS = ["fcm", "apns", "webpush"] as const;
export type PushProvider = (typeof PUSH_PROVIDERS)[number];

const Base64Url = (bytes: number, description: string) =>
  Type.String({ pattern: `^[A-Za-z0-9_-]{${Math.ceil((bytes * 4) / 3)}}=*$`, description });

export const FcmTarget = Type.Object(
  {
    provider: Type.Literal("fcm"),
    token: Type.String({
      minLength: 16,
      maxLength: 4096,
      pattern: "^[A-Za-z0-9_:.\\-]+$",
      description: "The FCM registration token the app got from Firebase Messaging.",
    }),
  },
  { additionalProperties: false },
);
export const ApnsTarget = Type.Object(
  {
    provider: Type.Literal("apns"),
    token: Type.String({
      pattern: "^[0-9a-fA-F]{64,200}$",
      description: "The APNs device token, hex (as the app gets it from registerForRemoteNotifications).",
    }),
  },
  { additionalProperties: false },
);
export const WebPushTarget = Type.Object(
  {
    provider: Type.Literal("webpush"),
    endpoint: Type.String({
      maxLength: 2048,
      pattern: "^https://[^\\s]+$",
      description: "PushSubscription.endpoint: the browser's push service, https.",
    }),
    keys: Type.Object(
      {
        p256dh: Base64Url(65, "The subscription's P-256 public key, base64url (65 bytes, uncompressed)."),
        auth: Base64Url(16, "The subscription's auth secret, base64url (16 bytes)."),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

/** One device's push target: replaced by the next registration of the same device. */
export const PushTarget = Type.Union([FcmTarget, ApnsTarget, WebPushTarget]);
export type PushTarget = Static<typeof PushTarget>;

export const PushTargetResponse = Type.Object({
  target: Type.Union([PushTarget, Type.Null()], { description: "This device's target; null when none." }),
});
export type PushTargetResponse = Static<typeof PushTargetResponse>;

export const VapidPublicKeyResponse = Type.Object({
  public_key: Type.String({
    description:
      "The server's VAPID public key, base64url (65 bytes): PushManager.subscribe's applicationServerKey.",
  }),
});
export type VapidPublicKeyResponse = Static<typeof VapidPublicKeyResponse>;

export const QuietHours = Type.Object(
  {
    start: Type.String({ pattern: "^([01][0-9]|2[0-3]):[0-5][0-9]$", description: "HH:MM, local time." }),
    end: Type.String({
      pattern: "^([01][0-9]|2[0-3]):[0-5][0-9]$",
      description: "HH:MM, local time; before start means the next day.",
    }),
    utc_offset_minutes: Type.Integer({
      minimum: -840,
      maximum: 840,
      description: "The user's offset from UTC, e.g. 120 for UTC+2.",
    }),
  },
  { additionalProperties: false },
);
export type QuietHours = Static<typeof QuietHours>;

const KindSwitch = (what: string) => Type.Boolean({ default: true, description: `Push ${what}.` });

export const NotificationSettings = Type.Object(
  {
    kinds: Type.Object(
      {
        messages: KindSwitch("new messages"),
        likes: KindSwitch("new likes"),
        matches: KindSwitch("new matches"),
        moderation: KindSwitch("moderation results (images, name, profile text)"),
        news: KindSwitch("news from the service"),
        // Optional so settings saved before it existed stay valid; absent means on.
        automatic_search: Type.Optional(KindSwitch('"new people near you" (the automatic profile search)')),
      },
      { additionalProperties: false },
    ),
    quiet_hours: Type.Union([QuietHours, Type.Null()], {
      description: "No pushes in this daily window; what waits goes out when it ends. Null: none.",
    }),
    email_reminders: Type.Boolean({
      description: "A reminder email about unseen messages and likes after a while away.",
    }),
  },
  { additionalProperties: false },
);
export type NotificationSettings = Static<typeof NotificationSettings>;

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = {
  kinds: { messages: true, likes: true, matches: true, moderation: true, news: true, automatic_search: true },
  quiet_hours: null,
  email_reminders: true,
};
