import type { Migration } from "../migrations.js";
import { pushCauseOutboxMigration, pushCauseSenderMigration } from "../push/push-cause-outbox.js";

export const CHAT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "likes, matches, blocks, keys, messages, receipts and reports",
    sql: `
      CREATE TABLE chat_account (
        account_id TEXT PRIMARY KEY,
        new_likes INTEGER NOT NULL,
        likes_version INTEGER NOT NULL,
        matches_version INTEGER NOT NULL,
        likes_day INTEGER NOT NULL,
        likes_used INTEGER NOT NULL,
        messages_day INTEGER NOT NULL,
        messages_sent INTEGER NOT NULL,
        delivery_receipts INTEGER NOT NULL,
        read_receipts INTEGER NOT NULL,
        typing INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE likes (
        liker TEXT NOT NULL,
        target TEXT NOT NULL,
        seq INTEGER NOT NULL,
        liked_at INTEGER NOT NULL,
        PRIMARY KEY (liker, target)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE matches (
        low TEXT NOT NULL,
        high TEXT NOT NULL,
        seq INTEGER NOT NULL,
        matched_at INTEGER NOT NULL,
        last_number INTEGER NOT NULL,
        PRIMARY KEY (low, high)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE blocks (
        blocker TEXT NOT NULL,
        blocked TEXT NOT NULL,
        blocked_at INTEGER NOT NULL,
        PRIMARY KEY (blocker, blocked)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE public_keys (
        account_id TEXT NOT NULL,
        key_id INTEGER NOT NULL,
        armored TEXT NOT NULL,
        published_at INTEGER NOT NULL,
        PRIMARY KEY (account_id, key_id)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE messages (
        sender TEXT NOT NULL,
        uuid TEXT NOT NULL,
        recipient TEXT NOT NULL,
        number INTEGER NOT NULL,
        sent_at INTEGER NOT NULL,
        sender_key_id INTEGER NOT NULL,
        recipient_key_id INTEGER NOT NULL,
        body BLOB,
        signature TEXT NOT NULL,
        delivered_at INTEGER,
        sender_acked INTEGER NOT NULL,
        receipt_pending INTEGER NOT NULL,
        PRIMARY KEY (sender, uuid)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE seen_receipts (
        sender TEXT NOT NULL,
        reader TEXT NOT NULL,
        number INTEGER NOT NULL,
        PRIMARY KEY (sender, reader)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE message_reports (
        report_id INTEGER PRIMARY KEY,
        reporter TEXT NOT NULL,
        reported TEXT NOT NULL,
        category TEXT NOT NULL,
        details TEXT NOT NULL,
        envelopes TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE signing_key (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        secret BLOB NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 2,
    name: "one report queue: names, texts, images and messages, with decisions",
    sql: `
      CREATE TABLE reports (
        report_id INTEGER PRIMARY KEY,
        reporter TEXT NOT NULL,
        reported TEXT NOT NULL,
        kind TEXT NOT NULL,
        target TEXT NOT NULL,
        category TEXT NOT NULL,
        details TEXT NOT NULL,
        snapshot TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        state TEXT NOT NULL,
        decided_at INTEGER,
        decided_by TEXT,
        note TEXT
      ) STRICT;
      INSERT INTO reports (report_id, reporter, reported, kind, target, category, details, snapshot, created_at, state)
        SELECT report_id, reporter, reported, 'messages', reported, category, details,
               json_object('messages', json(envelopes)), created_at, 'waiting'
        FROM message_reports;
      DROP TABLE message_reports;
      CREATE INDEX reports_by_state ON reports (state, kind, report_id);
      CREATE INDEX reports_by_created_at ON reports (created_at);
    `,
  },
  pushCauseOutboxMigration(3),
  pushCauseSenderMigration(4),
];
