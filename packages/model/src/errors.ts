import type { ErrorDetails } from "./error-details.js";

/**
 * Every error a client can receive, with its stable code and HTTP status. `api` turns a thrown
 * VenusError into `{"error":{"code","message","details"}}` in one place.
 */
export const ERRORS = {
  invalid_json: { status: 400, message: "the request body is not valid JSON" },
  invalid_path: { status: 400, message: "a path parameter is not valid percent-encoded UTF-8" },
  malformed_request: {
    status: 400,
    message: "the request line or headers cannot be parsed (node transport; uws closes the connection)",
  },
  validation_failed: {
    status: 400,
    message: "the request does not match its schema",
  },
  range_too_long: {
    status: 400,
    message: "the time range spans more hours than statistics.max_hours_per_request",
  },
  invalid_credentials: { status: 401, message: "wrong email or password" },
  /** The request's `client.version` is below the minimum for its kind: details.min_version. */
  client_update_required: { status: 426, message: "this app is too old; update it to sign in" },
  invalid_id_token: {
    status: 401,
    message:
      "the ID token is not valid (signature, issuer, audience, expiry or nonce; the message says which)",
  },
  invalid_code: { status: 401, message: "the code is wrong, used or expired; ask for a new one" },
  invalid_token: { status: 401, message: "the token is not valid" },
  token_expired: {
    status: 401,
    message: "the access token has expired; refresh it",
  },
  refresh_token_reused: {
    status: 401,
    message: "a used refresh token was presented; the session has ended",
  },
  websocket_required: {
    status: 401,
    message: "this access token works only while its WebSocket is connected",
  },
  registration_disabled: {
    status: 403,
    message: "registration is switched off",
  },
  email_domain_not_allowed: {
    status: 403,
    message: "accounts cannot be registered with an address at this email domain",
  },
  disposable_email: {
    status: 403,
    message: "accounts cannot be registered with a disposable email address; use a lasting one",
  },
  email_not_verified: {
    status: 403,
    message: "the provider has not verified the token's email address",
  },
  forbidden: { status: 403, message: "missing permission" },
  account_banned: {
    status: 403,
    message: "the account is banned; GET /account/state says why and until when",
  },
  account_locked: { status: 403, message: "the account is locked; contact the service" },
  account_pending_deletion: {
    status: 403,
    message:
      "the account is to be deleted; only /account/… routes work (POST /account/delete/cancel keeps it)",
  },
  wrong_password: { status: 403, message: "the password is not the account's" },
  unknown_provider: { status: 404, message: "no OpenID Connect provider of this name is configured" },
  not_found: { status: 404, message: "not found" },
  export_expired: {
    status: 404,
    message: "the data export was not downloaded within account.export_ttl_hours; ask for a new one",
  },
  blocked_or_not_found: {
    status: 404,
    message: "no such account, or it has blocked you or you have blocked it",
  },
  not_a_match: { status: 403, message: "messages go only between matches" },
  public_key_outdated: {
    status: 409,
    message: "a key id is not the account's current public key; fetch the current one and encrypt again",
  },
  public_key_invalid: { status: 422, message: "not an armored OpenPGP public key" },
  envelope_invalid: {
    status: 422,
    message: "the message envelope is not one this server signed for you",
  },
  browse_session_expired: {
    status: 409,
    message: "the browse session is no longer current; reset it",
  },
  favorites_full: {
    status: 409,
    message: "the favorites list is full",
  },
  upload_in_progress: {
    status: 409,
    message: "an upload of this account is still being processed",
  },
  content_limit_reached: {
    status: 409,
    message: "the account stores the most content items it may; delete one first",
  },
  content_in_use: {
    status: 409,
    message: "the content is in the profile or is the security selfie",
  },
  content_not_usable: {
    status: 409,
    message: "the content is rejected, deleted or not the account's own",
  },
  email_unsubscribed: { status: 409, message: "the account has unsubscribed from these mails" },
  email_taken: { status: 409, message: "an account with this email exists" },
  identity_in_use: { status: 409, message: "this provider identity is linked to another account" },
  provider_already_linked: {
    status: 409,
    message: "an identity of this provider is already linked to the account; unlink it first",
  },
  email_link_required: {
    status: 409,
    message:
      "an account with this email exists but has not verified it; sign in to that account and link the provider there",
  },
  email_already_verified: { status: 409, message: "the email address is already verified" },
  email_unchanged: { status: 409, message: "that is already the account's email address" },
  nothing_to_confirm: { status: 409, message: "no email verification or change is waiting" },
  cannot_remove_own_manage_admins: {
    status: 409,
    message: "an admin cannot remove manage_admins from their own account",
  },
  cannot_act_on_self: { status: 409, message: "an admin cannot ban, lock or delete their own account" },
  report_decided: { status: 409, message: "the report has already been decided" },
  detector_off: {
    status: 409,
    message: "the moderation rule needs a detector that media.detectors does not load",
  },
  invalid_state: {
    status: 409,
    message: "not allowed in the account's current state",
  },
  push_provider_disabled: {
    status: 409,
    message: "this server does not send through that push provider (push.<provider>.enabled)",
  },
  export_in_progress: { status: 409, message: "a data export of this account is being built" },
  setup_incomplete: {
    status: 409,
    message: "the account setup is not complete",
  },
  request_timeout: {
    status: 408,
    message: "the request line and headers did not arrive in time (node transport)",
  },
  payload_too_large: { status: 413, message: "the request body is too large" },
  message_too_large: { status: 413, message: "the message body is larger than chat.max_message_bytes" },
  public_key_too_large: {
    status: 413,
    message: "the public key is larger than chat.public_key_max_bytes",
  },
  too_young: { status: 422, message: "the minimum age is not met" },
  upload_limit_reached: {
    status: 429,
    message: "the daily upload limit is reached; try again tomorrow (UTC)",
  },
  daily_like_limit: {
    status: 429,
    message: "no likes left today; try again tomorrow (UTC)",
  },
  daily_message_limit: {
    status: 429,
    message: "the daily message limit is reached; try again tomorrow (UTC)",
  },
  daily_report_limit: {
    status: 429,
    message: "the daily report limit is reached; try again tomorrow (UTC)",
  },
  conversation_full: {
    status: 429,
    message: "too many of your messages in this conversation wait for the recipient; retry later",
  },
  receipts_pending: {
    status: 429,
    message: "acknowledge the send results and delivery receipts you have before sending more",
  },
  registration_cap_reached: {
    status: 429,
    message:
      "the service takes no more registrations today (from your network or in all); try again tomorrow (UTC)",
  },
  email_to_all_too_soon: {
    status: 429,
    message: "a mail to all went out less than custom_email.to_all_min_interval_hours ago",
  },
  rate_limited: { status: 429, message: "too many requests; try again later" },
  export_limit_reached: {
    status: 429,
    message: "a data export was asked for too recently (account.export_min_interval_hours); retry later",
  },
  headers_too_large: { status: 431, message: "the request headers are too large (node transport)" },
  internal_error: { status: 500, message: "internal error" },
  busy: { status: 503, message: "the server is busy; retry after the time given" },
  provider_unavailable: {
    status: 503,
    message: "the provider's signing keys could not be fetched; try again later",
  },
  shutting_down: { status: 503, message: "the server is shutting down" },
  video_calls_not_configured: {
    status: 503,
    message: "this server offers no video calls (video_calls.url is empty)",
  },
  manager_not_configured: {
    status: 503,
    message: "this server has no local manager (local_manager.url is empty)",
  },
  manager_unavailable: { status: 503, message: "the local manager is not connected; try again later" },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** A failure with a stable code; `details` has the schema `ERROR_DETAILS` gives for the code. */
export class VenusError<C extends ErrorCode = ErrorCode> extends Error {
  readonly status: number;

  constructor(
    readonly code: C,
    message?: string,
    readonly details?: ErrorDetails<C>,
  ) {
    super(message ?? ERRORS[code].message);
    this.name = "VenusError";
    this.status = ERRORS[code].status;
  }

  /** Seconds the client should wait (rate limits, busy): sent as `Retry-After` too. */
  get retryAfterSeconds(): number | undefined {
    const details = this.details as { retry_after_seconds?: number } | undefined;
    return details?.retry_after_seconds;
  }
}

export function venusError(code: ErrorCode, message?: string): VenusError {
  return new VenusError(code, message);
}

/** `validation_failed` listing every issue (dotted path, empty for the whole request). */
export function invalidInput(issues: { path: string; message: string }[]): VenusError<"validation_failed"> {
  const message = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ");
  return new VenusError("validation_failed", message, { issues });
}

/** `validation_failed` for one field that breaks a rule the schema cannot express. */
export function invalidField(path: string, problem: string): VenusError<"validation_failed"> {
  return invalidInput([{ path, message: problem }]);
}

/** A rate-limit style error whose `details` and `Retry-After` say when to try again. */
export function retryLater<C extends ErrorCode>(code: C, seconds: number, message?: string): VenusError<C> {
  return new VenusError(code, message, { retry_after_seconds: seconds } as ErrorDetails<C>);
}
