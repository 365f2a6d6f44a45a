import type { Migration } from "../migrations.js";
import { pushCauseOutboxMigration, pushCauseSenderMigration } from "../push/push-cause-outbox.js";

export const ACCOUNT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "accounts and sessions",
    sql: `
      CREATE TABLE account (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        password_hash TEXT NOT NULL,
        state TEXT NOT NULL,
        permissions TEXT NOT NULL DEFAULT '[]',
        sync_version INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        last_seen_at INTEGER,
        name TEXT,
        birthdate TEXT,
        gender TEXT,
        looking_for TEXT,
        initial_age INTEGER,
        initial_age_year INTEGER
      ) STRICT;
      CREATE TABLE session (
        id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        access_hash BLOB NOT NULL UNIQUE,
        access_issued_at INTEGER NOT NULL,
        refresh_hash BLOB NOT NULL UNIQUE,
        refresh_issued_at INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        last_used_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX session_account ON session(account_id);
      CREATE TABLE retired_refresh_token (
        token_hash BLOB PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES session(id) ON DELETE CASCADE,
        retired_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX retired_refresh_token_session ON retired_refresh_token(session_id, retired_at);
      CREATE TABLE runtime_flag (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
      CREATE TABLE admin_grant (
        email TEXT PRIMARY KEY,
        account_id TEXT NOT NULL,
        granted_at INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 2,
    name: "bot accounts",
    sql: `ALTER TABLE account ADD COLUMN bot INTEGER NOT NULL DEFAULT 0;`,
  },
  {
    version: 3,
    name: "locks, bans and the admin audit log",
    sql: `
      ALTER TABLE account ADD COLUMN locked INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE account ADD COLUMN ban_until INTEGER;
      ALTER TABLE account ADD COLUMN ban_reason TEXT;
      ALTER TABLE account ADD COLUMN state_before_ban TEXT;
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        admin_id TEXT NOT NULL,
        action TEXT NOT NULL,
        target_id TEXT,
        details TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_log_admin ON audit_log(admin_id, id);
      CREATE INDEX audit_log_target ON audit_log(target_id, id);
    `,
  },
  {
    version: 4,
    name: "account deletion: the wait and the durable mark",
    sql: `
      ALTER TABLE account ADD COLUMN deletion_at INTEGER;
      ALTER TABLE account ADD COLUMN state_before_deletion TEXT;
      ALTER TABLE account ADD COLUMN deleting INTEGER NOT NULL DEFAULT 0;
    `,
  },
  {
    version: 5,
    name: "sign-in methods: verified emails, OpenID Connect identities and used tokens, email codes, the mail outbox",
    sql: `
      ALTER TABLE account ADD COLUMN email_verified INTEGER NOT NULL DEFAULT 0;
      CREATE TABLE oidc_identity (
        provider TEXT NOT NULL,
        subject TEXT NOT NULL,
        account_id TEXT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        email TEXT NOT NULL,
        linked_at INTEGER NOT NULL,
        PRIMARY KEY (provider, subject),
        UNIQUE (account_id, provider)
      ) STRICT;
      CREATE TABLE email_code (
        token_hash BLOB PRIMARY KEY,
        email TEXT NOT NULL,
        code_hash BLOB NOT NULL,
        expires_at INTEGER NOT NULL,
        attempts_left INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE email_verification (
        account_id TEXT PRIMARY KEY REFERENCES account(id) ON DELETE CASCADE,
        email TEXT NOT NULL,
        code_hash BLOB NOT NULL,
        link_hash BLOB NOT NULL UNIQUE,
        expires_at INTEGER NOT NULL,
        attempts_left INTEGER NOT NULL,
        language TEXT
      ) STRICT;
      CREATE TABLE mail_outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        queued_at INTEGER NOT NULL,
        to_address TEXT NOT NULL,
        subject TEXT NOT NULL,
        text TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error TEXT
      ) STRICT;
      CREATE INDEX mail_outbox_due ON mail_outbox(next_attempt_at);
      CREATE TABLE used_id_token (
        token_hash BLOB PRIMARY KEY,
        expires_at INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 6,
    name: "devices: a public id per session, and the client and coarse address it last connected with",
    sql: `
      ALTER TABLE session ADD COLUMN public_id TEXT;
      ALTER TABLE session ADD COLUMN client_kind TEXT;
      ALTER TABLE session ADD COLUMN client_version TEXT;
      ALTER TABLE session ADD COLUMN address TEXT;
      UPDATE session SET public_id = lower(hex(randomblob(16)));
      CREATE UNIQUE INDEX session_public_id ON session(public_id);
    `,
  },
  {
    version: 7,
    name: "news items with translations, and how far each account has read them",
    sql: `
      CREATE TABLE news_item (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        default_language TEXT NOT NULL,
        translations TEXT NOT NULL,
        banner_severity TEXT,
        banner_until INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        published_at INTEGER
      ) STRICT;
      CREATE TABLE news_seen (
        account_id TEXT PRIMARY KEY REFERENCES account(id) ON DELETE CASCADE,
        seen_at INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 8,
    name: "custom mail: unsubscribe tokens and mails to all",
    sql: `
      CREATE TABLE mail_unsubscribe (
        account_id TEXT PRIMARY KEY REFERENCES account(id) ON DELETE CASCADE,
        token TEXT NOT NULL UNIQUE,
        unsubscribed_at INTEGER
      ) STRICT;
      CREATE TABLE mail_broadcast (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        sent_at INTEGER NOT NULL,
        admin_id TEXT NOT NULL,
        recipients INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 9,
    name: "tidy-up: when an unused account was warned",
    sql: `
      CREATE TABLE unused_warning (
        account_id TEXT PRIMARY KEY REFERENCES account(id) ON DELETE CASCADE,
        warned_at INTEGER NOT NULL
      ) STRICT;
    `,
  },
  pushCauseOutboxMigration(10),
  pushCauseSenderMigration(11),
  {
    version: 12,
    name: "the deletion each account was reminded of by push",
    sql: `
      CREATE TABLE deletion_reminder (
        account_id TEXT PRIMARY KEY REFERENCES account(id) ON DELETE CASCADE,
        deletion_at INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 13,
    name: "the account's language (mails, news), set by its app",
    sql: `ALTER TABLE account ADD COLUMN language TEXT;`,
  },
];
