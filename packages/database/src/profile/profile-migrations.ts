import type { Migration } from "../migrations.js";
import { pushCauseOutboxMigration, pushCauseSenderMigration } from "../push/push-cause-outbox.js";

export const PROFILE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "profiles and favorites",
    sql: `
      CREATE TABLE profile (
        account_id TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        name TEXT NOT NULL,
        name_state TEXT NOT NULL,
        name_reason TEXT,
        name_changed_at INTEGER NOT NULL,
        text TEXT NOT NULL,
        text_state TEXT NOT NULL,
        text_reason TEXT,
        text_changed_at INTEGER NOT NULL,
        age INTEGER NOT NULL,
        initial_age INTEGER NOT NULL,
        initial_age_year INTEGER NOT NULL,
        gender TEXT NOT NULL,
        wanted_genders TEXT NOT NULL,
        wanted_age_min INTEGER NOT NULL,
        wanted_age_max INTEGER NOT NULL,
        unlimited_likes INTEGER NOT NULL,
        attributes TEXT NOT NULL,
        latitude REAL,
        longitude REAL,
        visibility TEXT NOT NULL,
        show_last_seen INTEGER NOT NULL,
        show_online INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        edited_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE favorite (
        account_id TEXT NOT NULL,
        favorite_id TEXT NOT NULL,
        added_at INTEGER NOT NULL,
        PRIMARY KEY (account_id, favorite_id)
      ) STRICT;
      CREATE TABLE statistics_history (
        day TEXT PRIMARY KEY,
        data TEXT NOT NULL
      ) STRICT;
    `,
  },
  pushCauseOutboxMigration(2),
  pushCauseSenderMigration(3),
  {
    version: 4,
    name: "automatic profile search",
    sql: `
      CREATE TABLE automatic_search (
        account_id TEXT PRIMARY KEY,
        settings TEXT NOT NULL,
        since INTEGER NOT NULL,
        last_run_at INTEGER,
        version INTEGER NOT NULL,
        results TEXT NOT NULL
      ) STRICT;
      CREATE TABLE profile_listed (
        account_id TEXT PRIMARY KEY,
        listed_at INTEGER NOT NULL
      ) STRICT;
    `,
  },
];
