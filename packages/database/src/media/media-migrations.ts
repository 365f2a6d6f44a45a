import type { Migration } from "../migrations.js";
import { pushCauseOutboxMigration, pushCauseSenderMigration } from "../push/push-cause-outbox.js";

export const MEDIA_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "content and profile content",
    sql: `
      CREATE TABLE content (
        content_id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL,
        state TEXT NOT NULL,
        reject_category TEXT,
        reject_details TEXT,
        files TEXT NOT NULL,
        uploaded_at INTEGER NOT NULL,
        moderated_at INTEGER,
        deleted_at INTEGER
      ) STRICT;
      CREATE INDEX content_by_account ON content (account_id);
      CREATE TABLE media_account (
        account_id TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        images TEXT NOT NULL,
        crop_x REAL,
        crop_y REAL,
        crop_size REAL,
        security_selfie TEXT,
        edited_at INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 2,
    name: "detector findings per content item",
    sql: `ALTER TABLE content ADD COLUMN analysis TEXT;`,
  },
  {
    version: 3,
    name: "verified profiles",
    sql: `
      ALTER TABLE media_account ADD COLUMN verification_state TEXT NOT NULL DEFAULT 'unverified';
      ALTER TABLE media_account ADD COLUMN verification_selfie TEXT;
      ALTER TABLE media_account ADD COLUMN verification_face TEXT;
      ALTER TABLE media_account ADD COLUMN verification_similarity REAL;
    `,
  },
  pushCauseOutboxMigration(4),
  {
    version: 5,
    name: "the automatic decision's rule and score per content item",
    sql: `
      ALTER TABLE content ADD COLUMN decided_rule TEXT;
      ALTER TABLE content ADD COLUMN decided_score REAL;
    `,
  },
  pushCauseSenderMigration(6),
];
