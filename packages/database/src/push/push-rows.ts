export interface PushTargetRow {
  session_id: string;
  account_id: string;
  provider: string;
  /** The target as JSON (the wire PushTarget). */
  target: string;
  registered_at: number;
}

export interface NotificationSettingsRow {
  account_id: string;
  settings: string;
  reminded_at: number | null;
  /** Random, in the reminder mail's unsubscribe link; set with the first reminder. */
  unsubscribe_token: string | null;
}

export interface PushDeliveryRow {
  id: number;
  session_id: string;
  account_id: string;
  provider: string;
  kind: string;
  count: number;
  queued_at: number;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  /** The account behind the latest event gathered into it, null when none. */
  sender: string | null;
}

export type NewDeliveryRow = Pick<
  PushDeliveryRow,
  "session_id" | "account_id" | "provider" | "kind" | "count" | "queued_at" | "sender"
>;
