import { Type, type Static } from "@sinclair/typebox";
import { backendConfigProperties, configSection } from "@venus/simple-backend";
import { adminConfigSection } from "./admin-config.js";
import { automaticSearchConfigSection } from "./automatic-search-config.js";
import { botsConfigSection } from "./bots-config.js";
import { chatConfigSection } from "./chat-config.js";
import { clientsConfigSection } from "./clients-config.js";
import { customEmailConfigSection } from "./custom-email-config.js";
import { emailConfigSection } from "./email-config.js";
import { localManagerConfigSection } from "./local-manager-config.js";
import { mediaConfigSection } from "./media-config.js";
import { profileConfigSection } from "./profile-config.js";
import { pushConfigSection } from "./push-config.js";
import { registrationConfigSection } from "./registration-config.js";
import { reportsConfigSection } from "./reports-config.js";
import { newsConfigSection } from "./news-config.js";
import { oidcProvidersConfig, signInConfigSection } from "./sign-in-config.js";
import { statisticsConfigSection } from "./statistics-config.js";
import { testingConfigSection } from "./testing-config.js";
import { tidyUpConfigSection } from "./tidy-up-config.js";
import { videoCallsConfigSection } from "./video-calls-config.js";

const windowLimit = (description: string, limit: number, windowSeconds: number) =>
  configSection(description, {
    limit: Type.Integer({
      default: limit,
      minimum: 1,
      description: "Attempts allowed in one window.",
    }),
    window_seconds: Type.Integer({
      default: windowSeconds,
      minimum: 1,
      description: "Window length in seconds.",
    }),
  });

/** The whole `venus server` configuration: one schema, every option with its default. */
export const VenusConfig = Type.Object(
  {
    ...backendConfigProperties,
    account: configSection("Accounts and registration.", {
      registration_enabled: Type.Boolean({
        default: true,
        description:
          "Initial value of the runtime flag registration_enabled (admins change it without restart).",
      }),
      password_min_length: Type.Integer({
        default: 8,
        minimum: 1,
        maximum: 1024,
        description: "Minimum password length in characters.",
      }),
      password_max_bytes: Type.Integer({
        default: 1024,
        minimum: 8,
        maximum: 1024,
        description: "Maximum password length in UTF-8 bytes.",
      }),
      min_age: Type.Integer({
        default: 18,
        minimum: 18,
        maximum: 99,
        description: "Minimum age to complete setup.",
      }),
      inactive_logout_days: Type.Integer({
        default: 365,
        minimum: 1,
        description: "The daily task ends sessions (signed-in devices) unused for longer than this.",
      }),
      deletion_wait_days: Type.Number({
        default: 90,
        minimum: 0,
        description:
          "A self-requested deletion waits this long (cancellable, the account hidden); then the daily task deletes everything of the account.",
      }),
      export_ttl_hours: Type.Number({
        default: 24,
        exclusiveMinimum: 0,
        description: "A data export archive can be downloaded (once) for this long after it is built.",
      }),
      export_min_interval_hours: Type.Number({
        default: 24,
        minimum: 0,
        description:
          "An account may ask for a data export at most once in this many hours (429 export_limit_reached).",
      }),
    }),
    registration: registrationConfigSection,
    tokens: configSection("Access and refresh tokens.", {
      access_token_ttl_seconds: Type.Integer({
        default: 604800,
        minimum: 1,
        description:
          "An access token older than this is refused in the WebSocket hello (token_expired); the client refreshes.",
      }),
      access_token_rotate_after_seconds: Type.Integer({
        default: 0,
        minimum: 0,
        description:
          "The welcome frame carries a new access token when the current one is at least this old (0: on every new connection).",
      }),
      max_sessions_per_account: Type.Integer({
        default: 10,
        minimum: 1,
        maximum: 100,
        description:
          "Signed-in devices per account; a new login ends the least recently used session beyond this.",
      }),
      refresh_token_ttl_seconds: Type.Integer({
        default: 7776000,
        minimum: 60,
        description: "A session whose refresh token is older than this has ended; the user logs in again.",
      }),
    }),
    rate_limits: configSection("Per-address and per-email limits on sign-in routes (429 rate_limited).", {
      login_per_ip: windowLimit("Login attempts per client address.", 30, 300),
      login_per_email: windowLimit(
        "Password checks per account when deleting it or changing its password (POST /account/delete, POST /account/password); logins back off instead (login_backoff).",
        10,
        300,
      ),
      login_backoff: configSection(
        "Failed password logins, per account (email) and per client address: after free_failures, each further\n" +
          "failure doubles the wait (429 rate_limited with Retry-After) from first_delay_seconds up to\n" +
          "max_delay_seconds. A login that carries a live refresh token of the same account is never held back\n" +
          "by these waits, and an email sign-in code clears the account's (docs/security.md).",
        {
          free_failures: Type.Integer({
            default: 5,
            minimum: 0,
            description: "Failures of one account before any wait.",
          }),
          free_failures_per_address: Type.Integer({
            default: 20,
            minimum: 0,
            description:
              "Failures from one client address (any accounts) before any wait: many people share one.",
          }),
          first_delay_seconds: Type.Integer({
            default: 1,
            minimum: 1,
            description: "The wait after the first failure beyond the free ones.",
          }),
          max_delay_seconds: Type.Integer({
            default: 900,
            minimum: 1,
            description: "The longest wait, however many failures.",
          }),
          forget_after_seconds: Type.Integer({
            default: 3600,
            minimum: 1,
            description: "An account or address without a failure for this long starts over.",
          }),
        },
      ),
      register_per_ip: windowLimit("Registrations per client address.", 10, 3600),
      register_per_email: windowLimit("Registration attempts per email address.", 5, 3600),
      email_code_per_ip: windowLimit(
        "Emailed codes (sign-in and password reset) asked for per client address.",
        20,
        3600,
      ),
      email_code_per_email: windowLimit(
        "Emailed codes (sign-in and password reset) asked for per email address.",
        3,
        900,
      ),
      email_code_verify_per_ip: windowLimit(
        "Emailed code attempts (sign-in and password reset) per client address.",
        30,
        900,
      ),
      oidc_per_ip: windowLimit("OpenID Connect sign-ins and links per client address.", 30, 300),
      email_verification_per_account: windowLimit(
        "Verification and change mails an account may have sent.",
        5,
        3600,
      ),
    }),
    sign_in: signInConfigSection,
    oidc_providers: oidcProvidersConfig,
    email: emailConfigSection,
    custom_email: customEmailConfigSection,
    push: pushConfigSection,
    clients: clientsConfigSection,
    websocket: configSection("The /ws endpoint.", {
      hello_timeout_seconds: Type.Number({
        default: 10,
        exclusiveMinimum: 0,
        description: "A connection without a hello frame within this time is closed.",
      }),
      idle_timeout_seconds: Type.Integer({
        default: 120,
        minimum: 8,
        maximum: 960,
        description:
          "A connection that sends nothing (not even a ping) for this long is closed; 4-second resolution.",
      }),
      max_frame_bytes: Type.Integer({
        default: 131072,
        minimum: 1024,
        description: "Largest client frame; a larger one closes the connection (1009).",
      }),
      max_send_buffer_bytes: Type.Integer({
        default: 1048576,
        minimum: 16384,
        description:
          "A client that lets this much outgoing data queue up is disconnected as a slow consumer.",
      }),
      messages_per_second: Type.Number({
        default: 20,
        exclusiveMinimum: 0,
        description: "Average client frames per second allowed on one connection.",
      }),
      message_burst: Type.Integer({
        default: 40,
        minimum: 1,
        description: "Client frames allowed in a burst before the rate applies.",
      }),
    }),
    writer: configSection("The group-commit writer and write-behind state.", {
      max_batch_delay_ms: Type.Number({
        default: 2,
        minimum: 0,
        maximum: 1000,
        description:
          "How long the writer waits to gather more operations into one transaction when no disk flush is running (0: what arrived in the same turn of the event loop); while a flush runs, operations gather until it ends.",
      }),
      max_batch_size: Type.Integer({
        default: 1000,
        minimum: 1,
        description: "Most operations committed in one transaction.",
      }),
      checkpoint_wal_mib: Type.Number({
        default: 4,
        exclusiveMinimum: 0,
        maximum: 1024,
        description:
          "WAL size at which the writer pauses between two batches while a worker thread copies the WAL into the database and empties it (a larger WAL: fewer, longer pauses, more disk).",
      }),
      flush_interval_seconds: Type.Number({
        default: 30,
        exclusiveMinimum: 0,
        description:
          "How often write-behind state (last seen, token use, counters) is flushed; at most this much is lost on a crash.",
      }),
    }),
    profile: profileConfigSection,
    automatic_search: automaticSearchConfigSection,
    media: mediaConfigSection,
    chat: chatConfigSection,
    video_calls: videoCallsConfigSection,
    news: newsConfigSection,
    reports: reportsConfigSection,
    bots: botsConfigSection,
    local_manager: localManagerConfigSection,
    daily_task: configSection(
      "The daily maintenance task (ages kept in range, statistics history, expired bans, inactive sessions).",
      {
        time_utc: Type.String({
          default: "03:00",
          pattern: "^([01][0-9]|2[0-3]):[0-5][0-9]$",
          description: "When it runs each day, HH:MM in UTC.",
        }),
      },
    ),
    tidy_up: tidyUpConfigSection,
    admin: adminConfigSection,
    statistics: statisticsConfigSection,
    testing: testingConfigSection,
  },
  { additionalProperties: false },
);
export type VenusConfig = Static<typeof VenusConfig>;
