export interface AccountRow {
  id: string;
  email: string;
  password_hash: string;
  state: string;
  /** JSON array of permission names. */
  permissions: string;
  sync_version: number;
  created_at: number;
  last_seen_at: number | null;
  name: string | null;
  birthdate: string | null;
  gender: string | null;
  /** JSON array of genders. */
  looking_for: string | null;
  initial_age: number | null;
  initial_age_year: number | null;
  /** 1 for accounts made on the local bot listener: they sign in only as bots. */
  bot: number;
  /** 1 while an admin has locked the account: login is refused. */
  locked: number;
  /** While banned: when the daily task lifts the ban (unix ms; null: never on its own). */
  ban_until: number | null;
  /** While banned: the reason shown to the owner (null when not banned). */
  ban_reason: string | null;
  /** While banned: the state the account returns to when the ban is lifted. */
  state_before_ban: string | null;
  /** While `pending_deletion`: when the account is deleted (unix ms). */
  deletion_at: number | null;
  /** While `pending_deletion`: the state a cancel gives back. */
  state_before_deletion: string | null;
  /** 1 once removing the account has begun: start-up finishes it before listening. */
  deleting: number;
  /** 1 once the owner has shown they receive mail at `email` (a code, a link or a provider's word). */
  email_verified: number;
  /** The owner's language (a code the mail templates have); null: email.default_language. */
  language: string | null;
}

/** What start-up reads of an account: `has_password` (1 or 0) rather than the hash, kept cold. */
export type AccountLoadRow = AccountRow & { has_password: number };

/** The ban columns of an account, all null when it is not banned. */
export type BanColumns = Pick<
  AccountRow,
  "id" | "state" | "sync_version" | "ban_until" | "ban_reason" | "state_before_ban"
>;

/** The deletion columns of an account, null and 0 unless it is `pending_deletion`. */
export type DeletionColumns = Pick<
  AccountRow,
  "id" | "state" | "sync_version" | "deletion_at" | "state_before_deletion" | "deleting"
>;

/** One successful admin action (the audit log). */
export interface AuditRow {
  id: number;
  at: number;
  admin_id: string;
  action: string;
  target_id: string | null;
  /** JSON object: the request path, query and body, secrets redacted. */
  details: string;
}

export interface SessionRow {
  id: string;
  account_id: string;
  access_hash: Buffer;
  access_issued_at: number;
  refresh_hash: Buffer;
  refresh_issued_at: number;
  created_at: number;
  last_used_at: number;
  /** The device's id on the wire (`/account/devices`); never a token. */
  public_id: string;
  client_kind: string | null;
  client_version: string | null;
  /** Coarse: an IPv4 /24 or an IPv6 /48. */
  address: string | null;
}

/** What a device said and where it connected from, last time. */
export interface SessionDeviceRow {
  client_kind: string;
  client_version: string;
  address: string | null;
}

export interface RetiredRefreshRow {
  token_hash: Buffer;
  session_id: string;
  retired_at: number;
}
