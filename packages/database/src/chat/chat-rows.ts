export interface ChatAccountRow {
  account_id: string;
  new_likes: number;
  likes_version: number;
  matches_version: number;
  /** UTC day number (days since the epoch) the `likes_used` count is for. */
  likes_day: number;
  likes_used: number;
  messages_day: number;
  messages_sent: number;
  delivery_receipts: number;
  read_receipts: number;
  typing: number;
}

export interface LikeRow {
  liker: string;
  target: string;
  seq: number;
  liked_at: number;
}

/** A match of two accounts, `low` < `high`; `last_number` is the conversation's latest message number. */
export interface MatchRow {
  low: string;
  high: string;
  seq: number;
  matched_at: number;
  last_number: number;
}

export interface BlockRow {
  blocker: string;
  blocked: string;
  blocked_at: number;
}

export interface PublicKeyRow {
  account_id: string;
  key_id: number;
  armored: string;
  published_at: number;
}

export interface MessageRow {
  sender: string;
  uuid: string;
  recipient: string;
  number: number;
  sent_at: number;
  sender_key_id: number;
  recipient_key_id: number;
  /** Null once the recipient has acknowledged it. */
  body: Buffer | null;
  signature: string;
  delivered_at: number | null;
  sender_acked: number;
  receipt_pending: number;
}

export interface SeenReceiptRow {
  sender: string;
  reader: string;
  number: number;
}

/**
 * One report (`reports`). `target` is what one reporter may have one waiting report on per kind: the
 * reported account, or the content id for an image. `snapshot` is JSON of what was reported then:
 * `{"text"}` (name, text), `{"content_id"}` (image) or `{"messages": [envelope…]}`.
 */
export interface ReportRow {
  report_id: number;
  reporter: string;
  reported: string;
  kind: string;
  target: string;
  category: string;
  details: string;
  snapshot: string;
  created_at: number;
  state: string;
  decided_at: number | null;
  decided_by: string | null;
  note: string | null;
}
