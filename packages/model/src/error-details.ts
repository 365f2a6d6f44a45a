import { Type, type Static, type TSchema } from "@sinclair/typebox";

/** How long to wait before retrying; also sent as the `Retry-After` header. */
export const RetryDetails = Type.Object(
  { retry_after_seconds: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false },
);

/** Every part of the request that failed its schema or a rule, by dotted path (empty: the whole). */
export const ValidationDetails = Type.Object(
  {
    issues: Type.Array(
      Type.Object({ path: Type.String(), message: Type.String() }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);

/** The size limit that was exceeded, in bytes. */
export const LimitDetails = Type.Object(
  { limit_bytes: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false },
);

/** The key id the client should have used: fetch that key and encrypt again. */
export const KeyOutdatedDetails = Type.Object(
  {
    field: Type.Union([Type.Literal("sender_key_id"), Type.Literal("recipient_key_id")]),
    current_key_id: Type.Integer(),
  },
  { additionalProperties: false },
);

/** The oldest app version the server accepts for the caller's kind. */
export const UpdateDetails = Type.Object(
  { min_version: Type.String({ description: "The oldest client version the server accepts." }) },
  { additionalProperties: false },
);

/** The error codes whose `details` have a schema; every other code carries no details. */
export const ERROR_DETAILS = {
  validation_failed: ValidationDetails,
  client_update_required: UpdateDetails,
  public_key_outdated: KeyOutdatedDetails,
  payload_too_large: LimitDetails,
  message_too_large: LimitDetails,
  public_key_too_large: LimitDetails,
  rate_limited: RetryDetails,
  upload_limit_reached: RetryDetails,
  daily_like_limit: RetryDetails,
  daily_message_limit: RetryDetails,
  daily_report_limit: RetryDetails,
  export_limit_reached: RetryDetails,
  registration_cap_reached: RetryDetails,
  email_to_all_too_soon: RetryDetails,
  busy: RetryDetails,
  shutting_down: RetryDetails,
} as const satisfies Record<string, TSchema>;

type Detailed = keyof typeof ERROR_DETAILS;

/** The details a code carries (`undefined` for a code without details). */
export type ErrorDetails<C extends string> = C extends Detailed
  ? Static<(typeof ERROR_DETAILS)[C]>
  : undefined;
