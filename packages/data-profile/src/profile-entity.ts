import { Interned, literalOf } from "@venus/data-common";
import {
  PROFILE_COLUMNS,
  type Columns,
  type FavoriteRow,
  type ProfileLoadRow,
  type ProfileRow,
  type ProfileStatements,
} from "@venus/database";
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

/**
 * A text as start-up loads it: its value stays in `profile.sqlite` (the database is the truth, and
 * a million texts would take ~100 MB) and is read when it is shown or saved; what browsing filters
 * on (state, length) is here. Any change replaces it with a plain ModeratedField, held in memory.
 */
export class StoredText implements ModeratedField {
  constructor(
    private readonly accountId: string,
    private readonly statements: ProfileStatements,
    readonly state: ModerationState,
    readonly reason: string | null,
    readonly changedAt: number,
    /** In characters (code points), as SQLite's `length()` counts them. */
    readonly length: number,
  ) {}

  get value(): string {
    return this.statements.text(this.accountId);
  }
}

/** A field's length in characters (code points), without reading a stored text. */
export function textLength(field: ModeratedField): number {
  return field instanceof StoredText ? field.length : [...field.value].length;
}

/** The columns start-up reads, in the order profileFromColumns takes them: every one, the text's length for the text. */
export const PROFILE_LOAD_COLUMNS = PROFILE_COLUMNS.map((column) =>
  column === "text" ? "text_length" : column,
) as unknown as ProfileLoadColumnNames;

type Replace<T extends readonly unknown[], From, To> = { [I in keyof T]: T[I] extends From ? To : T[I] };
type ProfileLoadColumnNames = Replace<typeof PROFILE_COLUMNS, "text", "text_length">;

/** Profiles share wanted-gender lists and attribute answers: replaced on edit, never changed in place. */
const wantedGenders = new Interned((json) => Object.freeze(JSON.parse(json) as Gender[]) as Gender[]);
const attributeAnswers = new Interned((json) => Object.freeze(JSON.parse(json) as AttributeAnswers));

/** What profileFromColumns needs besides the row. */
export interface ProfileLoading {
  statements: ProfileStatements;
  encode: (answers: AttributeAnswers) => number;
  /** The same id as a string already in memory (the account's), so the two share one copy. */
  sharedId: (accountId: string) => string;
}

/**
 * A profile from its row as read at start-up; enum values and wanted genders are shared instances,
 * a non-empty text stays in the database (StoredText).
 */
export function profileFromColumns(
  row: Columns<ProfileLoadRow, ProfileLoadColumnNames>,
  loading: ProfileLoading,
): Profile {
  const [
    rowId,
    version,
    name,
    nameState,
    nameReason,
    nameChangedAt,
    textLength,
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
  const accountId = loading.sharedId(rowId);
  const state = literalOf(MODERATION_STATES, textState);
  return {
    accountId,
    version,
    name: {
      value: name,
      state: literalOf(MODERATION_STATES, nameState),
      reason: nameReason,
      changedAt: nameChangedAt,
    },
    text:
      textLength === 0
        ? { value: "", state, reason: textReason, changedAt: textChangedAt }
        : new StoredText(accountId, loading.statements, state, textReason, textChangedAt, textLength),
    age,
    initialAge,
    initialAgeYear,
    gender: literalOf(GENDERS, gender),
    wantedGenders: wantedGenders.get(wanted),
    wantedAgeMin,
    wantedAgeMax,
    unlimitedLikes: unlimitedLikes === 1,
    attributes,
    attributeSlot: loading.encode(attributes),
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
