export interface ProfileRow {
  account_id: string;
  version: number;
  name: string;
  name_state: string;
  name_reason: string | null;
  name_changed_at: number;
  text: string;
  text_state: string;
  text_reason: string | null;
  text_changed_at: number;
  age: number;
  initial_age: number;
  initial_age_year: number;
  gender: string;
  /** JSON array of genders. */
  wanted_genders: string;
  wanted_age_min: number;
  wanted_age_max: number;
  unlimited_likes: number;
  /** JSON object: attribute id → selected value ids. */
  attributes: string;
  latitude: number | null;
  longitude: number | null;
  visibility: string;
  show_last_seen: number;
  show_online: number;
  created_at: number;
  edited_at: number;
}

/** What start-up reads of a profile: lengths in characters of the name and text, which stay cold. */
export type ProfileLoadRow = ProfileRow & { name_length: number; text_length: number };

/** A name or text with its moderation columns, read on demand. */
export interface StoredFieldRow {
  value: string;
  reason: string | null;
  changed_at: number;
}

export interface FavoriteRow {
  account_id: string;
  favorite_id: string;
  added_at: number;
}
