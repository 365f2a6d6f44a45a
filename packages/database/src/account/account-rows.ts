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
}

export interface RetiredRefreshRow {
  token_hash: Buffer;
  session_id: string;
  retired_at: number;
}
