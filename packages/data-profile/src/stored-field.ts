import type { ProfileStatements, StoredFieldRow } from "@venus/database";
import type { ModerationState } from "@venus/model";
import type { ModeratedField, ModeratedFieldName } from "./profile-entity.js";

const GONE: StoredFieldRow = { value: "", reason: null, changed_at: 0 };

/**
 * A name or text as start-up loads it when it waits for no moderator: its value, reason and time
 * stay in `profile.sqlite` (the database is the truth; a million names and texts with their times
 * would take ~100 MB) and are read when the profile is shown or saved. What browsing filters on (the
 * state, the length) is here. Any change replaces it with a plain ModeratedField, held in memory,
 * so memory is never ahead of what this reads.
 */
export abstract class StoredField implements ModeratedField {
  protected abstract get field(): ModeratedFieldName;

  constructor(
    private readonly accountId: string,
    private readonly statements: ProfileStatements,
    readonly state: ModerationState,
    /** In characters (code points), as SQLite's `length()` counts them. */
    readonly length: number,
  ) {}

  /** Value, reason and time in one read (what a save writes back). */
  read(): ModeratedField {
    const row = this.row();
    return { value: row.value, state: this.state, reason: row.reason, changedAt: row.changed_at };
  }

  private row(): StoredFieldRow {
    return this.statements.moderatedField(this.accountId, this.field) ?? GONE;
  }

  get value(): string {
    return this.length === 0 ? "" : this.row().value;
  }

  get reason(): string | null {
    return this.row().reason;
  }

  get changedAt(): number {
    return this.row().changed_at;
  }
}

export class StoredName extends StoredField {
  protected get field(): ModeratedFieldName {
    return "name";
  }
}

export class StoredText extends StoredField {
  protected get field(): ModeratedFieldName {
    return "text";
  }
}
