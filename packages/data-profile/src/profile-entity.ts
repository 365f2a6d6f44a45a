import type { FavoriteRow, ProfileRow } from "@venus/database";
import type { AttributeAnswers, Gender, ModerationState, Visibility } from "@venus/model";

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

export function profileFromRow(row: ProfileRow, encode: (answers: AttributeAnswers) => number): Profile {
  const attributes = JSON.parse(row.attributes) as AttributeAnswers;
  return {
    accountId: row.account_id,
    version: row.version,
    name: {
      value: row.name,
      state: row.name_state as ModerationState,
      reason: row.name_reason,
      changedAt: row.name_changed_at,
    },
    text: {
      value: row.text,
      state: row.text_state as ModerationState,
      reason: row.text_reason,
      changedAt: row.text_changed_at,
    },
    age: row.age,
    initialAge: row.initial_age,
    initialAgeYear: row.initial_age_year,
    gender: row.gender as Gender,
    wantedGenders: JSON.parse(row.wanted_genders) as Gender[],
    wantedAgeMin: row.wanted_age_min,
    wantedAgeMax: row.wanted_age_max,
    unlimitedLikes: row.unlimited_likes === 1,
    attributes,
    attributeSlot: encode(attributes),
    latitude: row.latitude,
    longitude: row.longitude,
    visibility: row.visibility as Visibility,
    showLastSeen: row.show_last_seen === 1,
    showOnline: row.show_online === 1,
    createdAt: row.created_at,
    editedAt: row.edited_at,
  };
}

export function profileToRow(profile: Profile): ProfileRow {
  return {
    account_id: profile.accountId,
    version: profile.version,
    name: profile.name.value,
    name_state: profile.name.state,
    name_reason: profile.name.reason,
    name_changed_at: profile.name.changedAt,
    text: profile.text.value,
    text_state: profile.text.state,
    text_reason: profile.text.reason,
    text_changed_at: profile.text.changedAt,
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
