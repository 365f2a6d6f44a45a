import { Interned, literalOf } from "@venus/data-common";
import { PROFILE_COLUMNS, type Columns, type FavoriteRow, type ProfileRow } from "@venus/database";
import {
  GENDERS,
  MODERATION_STATES,
  VISIBILITIES,
  type AttributeAnswers,
  type Gender,
  type ModerationState,
  type Visibility,
} from "@venus/model";

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

/** Profiles share wanted-gender lists and attribute answers: replaced on edit, never changed in place. */
const wantedGenders = new Interned((json) => Object.freeze(JSON.parse(json) as Gender[]) as Gender[]);
const attributeAnswers = new Interned((json) => Object.freeze(JSON.parse(json) as AttributeAnswers));

/** A profile from its row as read at start-up; enum values and wanted genders are shared instances. */
export function profileFromColumns(
  row: Columns<ProfileRow, typeof PROFILE_COLUMNS>,
  encode: (answers: AttributeAnswers) => number,
): Profile {
  const [
    accountId,
    version,
    name,
    nameState,
    nameReason,
    nameChangedAt,
    text,
    textState,
    textReason,
    textChangedAt,
    age,
    initialAge,
    initialAgeYear,
    gender,
    wanted,
    wantedAgeMin,
    wantedAgeMax,
    unlimitedLikes,
    attributesJson,
    latitude,
    longitude,
    visibility,
    showLastSeen,
    showOnline,
    createdAt,
    editedAt,
  ] = row;
  const attributes = attributeAnswers.get(attributesJson);
  return {
    accountId,
    version,
    name: {
      value: name,
      state: literalOf(MODERATION_STATES, nameState),
      reason: nameReason,
      changedAt: nameChangedAt,
    },
    text: {
      value: text,
      state: literalOf(MODERATION_STATES, textState),
      reason: textReason,
      changedAt: textChangedAt,
    },
    age,
    initialAge,
    initialAgeYear,
    gender: literalOf(GENDERS, gender),
    wantedGenders: wantedGenders.get(wanted),
    wantedAgeMin,
    wantedAgeMax,
    unlimitedLikes: unlimitedLikes === 1,
    attributes,
    attributeSlot: encode(attributes),
    latitude,
    longitude,
    visibility: literalOf(VISIBILITIES, visibility),
    showLastSeen: showLastSeen === 1,
    showOnline: showOnline === 1,
    createdAt,
    editedAt,
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
