import type { Migration } from "../migrations.js";

export const PUSH_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "push targets per session, notification settings, deliveries waiting for their provider",
    sql: `
      CREATE TABLE push_targets (
        session_id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL,
        provider TEXT NOT NULL,
        target TEXT NOT NULL,
        registered_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX push_targets_by_account ON push_targets (account_id);
      CREATE TABLE notification_settings (
        account_id TEXT PRIMARY KEY,
        settings TEXT NOT NULL,
        reminded_at INTEGER
      ) STRICT;
      CREATE TABLE push_deliveries (
        id INTEGER PRIMARY KEY,
        session_id TEXT NOT NULL,
        account_id TEXT NOT NULL,
        provider TEXT NOT NULL,
        kind TEXT NOT NULL,
        count INTEGER NOT NULL,
        queued_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL,
        next_attempt_at INTEGER NOT NULL,
        last_error TEXT,
        UNIQUE (session_id, kind)
      ) STRICT;
      CREATE INDEX push_deliveries_due ON push_deliveries (next_attempt_at);
    `,
  },
  {
    version: 2,
    name: "the one-click unsubscribe token of reminder emails",
    sql: `ALTER TABLE notification_settings ADD COLUMN unsubscribe_token TEXT;`,
  },
  {
    version: 3,
    name: "the account behind a delivery's latest event (its name goes out when push.include_names)",
    sql: `ALTER TABLE push_deliveries ADD COLUMN sender TEXT;`,
  },
];
