import type { FavoriteRow, ProfileRow } from "@venus/database";
import type { AttributeAnswers, Gender, ModerationState, Visibility } from "@venus/model";
import { StoredField } from "./stored-field.js";

/** A name or text as its owner wrote it, with its moderation outcome. */
export interface ModeratedField {
  value: string;
  state: ModerationState;
  reason: string | null;
  changedAt: number;
}

export interface Profile {
  accountId: string;
  /** Bumped on every change the owner or a moderator makes; clients cache by it. */
  version: number;
  name: ModeratedField;
  text: ModeratedField;
  age: number;
  initialAge: number;
  initialAgeYear: number;
  gender: Gender;
  wantedGenders: Gender[];
  wantedAgeMin: number;
  wantedAgeMax: number;
  unlimitedLikes: boolean;
  attributes: AttributeAnswers;
  /** Where `attributes` sit in compact form in the cache's AttributeSlab, for browse filters. */
  attributeSlot: number;
  latitude: number | null;
  longitude: number | null;
  visibility: Visibility;
  showLastSeen: boolean;
  showOnline: boolean;
  createdAt: number;
  editedAt: number;
}

export type ModeratedFieldName = "name" | "text";

/** A field's length in characters (code points), without reading a stored text. */
export function textLength(field: ModeratedField): number {
  return field instanceof StoredField ? field.length : [...field.value].length;
}

export function profileToRow(profile: Profile): ProfileRow {
  const name = profile.name instanceof StoredField ? profile.name.read() : profile.name;
  const text = profile.text instanceof StoredField ? profile.text.read() : profile.text;
  return {
    account_id: profile.accountId,
    version: profile.version,
    name: name.value,
    name_state: name.state,
    name_reason: name.reason,
    name_changed_at: name.changedAt,
    text: text.value,
    text_state: text.state,
    text_reason: text.reason,
    text_changed_at: text.changedAt,
    age: profile.age,
    initial_age: profile.initialAge,
    initial_age_year: profile.initialAgeYear,
    gender: profile.gender,
    wanted_genders: JSON.stringify(profile.wantedGenders),
    wanted_age_min: profile.wantedAgeMin,
    wanted_age_max: profile.wantedAgeMax,
    unlimited_likes: profile.unlimitedLikes ? 1 : 0,
    attributes: JSON.stringify(profile.attributes),
    latitude: profile.latitude,
    longitude: profile.longitude,
    visibility: profile.visibility,
    show_last_seen: profile.showLastSeen ? 1 : 0,
    show_online: profile.showOnline ? 1 : 0,
    created_at: profile.createdAt,
    edited_at: profile.editedAt,
  };
}

export function favoritesFromRows(rows: FavoriteRow[]): Map<string, string[]> {
  const favorites = new Map<string, string[]>();
  for (const row of rows) {
    const list = favorites.get(row.account_id) ?? [];
    list.push(row.favorite_id);
    favorites.set(row.account_id, list);
  }
  return favorites;
}
