import { Interned, literalOf } from "@venus/data-common";
import { PROFILE_COLUMNS, type Columns, type ProfileLoadRow, type ProfileStatements } from "@venus/database";
import {
  GENDERS,
  MODERATION_STATES,
  VISIBILITIES,
  type AttributeAnswers,
  type Gender,
  type Visibility,
} from "@venus/model";
import type { AttributeSlab } from "./attributes/attribute-slab.js";
import type { ModeratedField, ModeratedFieldName, Profile } from "./profile-entity.js";
import { StoredName, StoredText } from "./stored-field.js";

/** The columns start-up reads, in the order LoadedProfile takes them: lengths for the name and text. */
export const PROFILE_LOAD_COLUMNS = PROFILE_COLUMNS.map((column) =>
  column === "name" || column === "text" ? `${column}_length` : column,
) as unknown as ProfileLoadColumnNames;

type Lengths<T extends readonly unknown[]> = {
  [I in keyof T]: T[I] extends "name" ? "name_length" : T[I] extends "text" ? "text_length" : T[I];
};
type ProfileLoadColumnNames = Lengths<typeof PROFILE_COLUMNS>;
export type ProfileLoadColumns = Columns<ProfileLoadRow, ProfileLoadColumnNames>;

/** What a LoadedProfile needs besides its row. */
export interface ProfileLoading {
  statements: ProfileStatements;
  /** Holds the attribute words and LOADED_DOUBLES numbers of each profile's slot. */
  slab: AttributeSlab;
  /** A slot with `answers` encoded. */
  encode: (answers: AttributeAnswers) => number;
  /** The same id as a string already in memory (the account's), so the two share one copy. */
  sharedId: (accountId: string) => string;
}

/** Doubles per slot: latitude, longitude (NaN: none), created, edited. */
export const LOADED_DOUBLES = 4;

/** Profiles share wanted-gender lists and attribute answers: replaced on edit, never changed in place. */
const wantedGenderLists = new Interned((json) => Object.freeze(JSON.parse(json) as Gender[]) as Gender[]);
const attributeAnswers = new Interned((json) => Object.freeze(JSON.parse(json) as AttributeAnswers));
const orNull = (value: number) => (Number.isNaN(value) ? null : value);

/** A field waiting for a moderator is held whole: the queue and the decision read its time. */
function pendingField(
  statements: ProfileStatements,
  accountId: string,
  field: ModeratedFieldName,
  reason: string | null,
  changedAt: number,
): ModeratedField {
  const value = statements.moderatedField(accountId, field)?.value ?? "";
  return { value, state: "pending", reason, changedAt };
}

/**
 * A profile as start-up loads it from its row: enum values, wanted genders and answers are shared
 * instances, the name and text stay in the database unless pending (StoredField), the four doubles in the
 * slab at the profile's slot (a boxed number in an object field costs 16 bytes more each).
 * Profiles made while the server runs are plain objects.
 */
export class LoadedProfile implements Profile {
  readonly accountId: string;
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
  readonly attributeSlot: number;
  visibility: Visibility;
  showLastSeen: boolean;
  showOnline: boolean;
  private readonly slab: AttributeSlab;

  constructor(row: ProfileLoadColumns, loading: ProfileLoading) {
    const [
      rowId,
      version,
      nameLength,
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
    this.accountId = loading.sharedId(rowId);
    this.version = version;
    const { statements } = loading;
    const nameModeration = literalOf(MODERATION_STATES, nameState);
    const textModeration = literalOf(MODERATION_STATES, textState);
    const id = this.accountId;
    this.name =
      nameModeration === "pending"
        ? pendingField(statements, id, "name", nameReason, nameChangedAt)
        : new StoredName(id, statements, nameModeration, nameLength);
    this.text =
      textModeration === "pending"
        ? pendingField(statements, id, "text", textReason, textChangedAt)
        : new StoredText(id, statements, textModeration, textLength);
    this.age = age;
    this.initialAge = initialAge;
    this.initialAgeYear = initialAgeYear;
    this.gender = literalOf(GENDERS, gender);
    this.wantedGenders = wantedGenderLists.get(wanted);
    this.wantedAgeMin = wantedAgeMin;
    this.wantedAgeMax = wantedAgeMax;
    this.unlimitedLikes = unlimitedLikes === 1;
    this.attributes = attributeAnswers.get(attributesJson);
    this.attributeSlot = loading.encode(this.attributes);
    this.visibility = literalOf(VISIBILITIES, visibility);
    this.showLastSeen = showLastSeen === 1;
    this.showOnline = showOnline === 1;
    this.slab = loading.slab;
    const { doubles } = this.slab;
    const at = this.at;
    doubles[at] = latitude ?? NaN;
    doubles[at + 1] = longitude ?? NaN;
    doubles[at + 2] = createdAt;
    doubles[at + 3] = editedAt;
  }

  private get at(): number {
    return this.attributeSlot * LOADED_DOUBLES;
  }

  get latitude(): number | null {
    return orNull(this.slab.doubles[this.at] as number);
  }
  set latitude(value: number | null) {
    this.slab.doubles[this.at] = value ?? NaN;
  }
  get longitude(): number | null {
    return orNull(this.slab.doubles[this.at + 1] as number);
  }
  set longitude(value: number | null) {
    this.slab.doubles[this.at + 1] = value ?? NaN;
  }
  get createdAt(): number {
    return this.slab.doubles[this.at + 2] as number;
  }
  set createdAt(value: number) {
    this.slab.doubles[this.at + 2] = value;
  }
  get editedAt(): number {
    return this.slab.doubles[this.at + 3] as number;
  }
  set editedAt(value: number) {
    this.slab.doubles[this.at + 3] = value;
  }
}
