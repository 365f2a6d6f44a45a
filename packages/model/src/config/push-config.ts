import { Type } from "@sinclair/typebox";
import { configSection } from "@venus/simple-backend";

const url = (fallback: string, description: string) =>
  Type.String({ default: fallback, pattern: "^https?://[^\\s]+$", description });

/** Push notifications to devices without a live WebSocket (docs/push.md). */
export const pushConfigSection = configSection(
  "Push notifications (FCM, APNs, WebPush) for devices without a live WebSocket (docs/push.md).",
  {
    coalesce_seconds: Type.Number({
      default: 60,
      minimum: 0,
      description:
        "At most one push per device and kind in this many seconds; what happens meanwhile goes out as one push with a count.",
    }),
    max_queued_per_provider: Type.Integer({
      default: 10000,
      minimum: 1,
      description: "Pushes waiting per provider; past this, new pushes to it are dropped (and counted).",
    }),
    concurrency_per_provider: Type.Integer({
      default: 8,
      minimum: 1,
      maximum: 256,
      description: "Requests in flight to one provider at once.",
    }),
    timeout_seconds: Type.Number({
      default: 10,
      exclusiveMinimum: 0,
      description: "A provider request unanswered this long counts as failed and is retried.",
    }),
    retry_base_seconds: Type.Number({
      default: 5,
      exclusiveMinimum: 0,
      description:
        "First wait after a failed push (5xx, 429, timeout); it doubles per failure. Retry-After wins.",
    }),
    retry_max_seconds: Type.Number({
      default: 900,
      exclusiveMinimum: 0,
      description: "Longest wait between two attempts at one push.",
    }),
    expire_minutes: Type.Number({
      default: 1440,
      exclusiveMinimum: 0,
      description:
        "A push not delivered this long after its event is dropped (and sent as TTL to providers).",
    }),
    deletion_reminder_seconds: Type.Number({
      default: 86400,
      minimum: 0,
      description:
        "An account waiting for its deletion (account.deletion_wait_days) gets one push this long before it is deleted; 0: none. Must be shorter than the wait.",
    }),
    include_names: Type.Boolean({
      default: false,
      description:
        "Message, like and match pushes carry the other person's profile name (the latest one's when several are gathered into one push). Off: only kind and count leave the server.",
    }),
    webpush: configSection("WebPush (RFC 8030) with VAPID (RFC 8292) and aes128gcm payloads (RFC 8291).", {
      enabled: Type.Boolean({ default: true, description: "Accept and send WebPush subscriptions." }),
      subject: Type.String({
        default: "mailto:admin@localhost",
        pattern: "^(mailto:|https://)[^\\s]+$",
        description: "VAPID subject: a mailto: or https: contact push services may use.",
      }),
      vapid_public_key: Type.String({
        default: "",
        description: "VAPID public key, base64url; empty: generated once into <data_dir>/push-vapid.json.",
      }),
      vapid_private_key: Type.String({
        default: "",
        description: "VAPID private key, base64url; set both keys or neither.",
      }),
      encrypt_threads: Type.Integer({
        default: 2,
        minimum: 1,
        maximum: 64,
        description:
          "Worker threads that encrypt WebPush payloads (RFC 8291), so the event loop only sends them.",
      }),
      encrypt_queue: Type.Integer({
        default: 1024,
        minimum: 1,
        description:
          "WebPush payloads waiting for or in encryption at once; past this a push is retried later.",
      }),
    }),
    fcm: configSection("Firebase Cloud Messaging, HTTP v1 API.", {
      enabled: Type.Boolean({ default: false, description: "Accept and send FCM registration tokens." }),
      service_account_file: Type.String({
        default: "",
        description: "The Firebase service account's JSON key file (project_id, client_email, private_key).",
      }),
      token_url: url(
        "https://oauth2.googleapis.com/token",
        "OAuth2 token endpoint the signed JWT is exchanged at (the key file's token_uri is not used).",
      ),
      api_url: url(
        "https://fcm.googleapis.com",
        "FCM API base: POST <api_url>/v1/projects/<id>/messages:send.",
      ),
    }),
    apns: configSection("Apple Push Notification service, token-based auth over HTTP/2.", {
      enabled: Type.Boolean({ default: false, description: "Accept and send APNs device tokens." }),
      key_file: Type.String({
        default: "",
        description: "The .p8 signing key from Apple's developer account.",
      }),
      key_id: Type.String({ default: "", description: "The key's 10-character Key ID." }),
      team_id: Type.String({ default: "", description: "The 10-character Team ID." }),
      topic: Type.String({ default: "", description: "The app's bundle id (apns-topic)." }),
      url: url(
        "https://api.push.apple.com",
        "APNs host; https://api.sandbox.push.apple.com for development builds.",
      ),
      ca_file: Type.String({
        default: "",
        description:
          "Extra CA certificate (PEM) to trust for url (private deployments, tests); empty: the system's.",
      }),
    }),
    reminders: configSection(
      "Reminder emails for accounts with unseen messages or likes that do not come back (docs/push.md).",
      {
        enabled: Type.Boolean({ default: true, description: "Send reminder emails at all." }),
        delay_seconds: Type.Number({
          default: 86400,
          exclusiveMinimum: 0,
          description:
            "An account with no push target is reminded when something has waited unseen this long since its last visit.",
        }),
        delay_with_push_seconds: Type.Number({
          default: 604800,
          exclusiveMinimum: 0,
          description: "The same for an account with a push target (its devices got pushes already).",
        }),
        interval_seconds: Type.Number({
          default: 604800,
          exclusiveMinimum: 0,
          description: "At most one reminder per account in this many seconds.",
        }),
        check_seconds: Type.Number({
          default: 300,
          exclusiveMinimum: 0,
          description: "How often the server looks for accounts to remind.",
        }),
      },
    ),
  },
);
