import { hash } from "@node-rs/argon2";
import {
  ACCOUNT_MIGRATIONS,
  AccountStatements,
  CustomMailStatements,
  NewsStatements,
  UnusedWarningStatements,
  DeletionReminderStatements,
  type Database,
  type SessionDeviceRow,
} from "@venus/database";
import {
  type ConnectionRegistry,
  openStore,
  SessionEndSignal,
  type GroupCommitWriter,
  Presence,
  PushCauses,
  type SyncVersions,
  WriteBehind,
  type WriteBehindFlusher,
  type WriterMetrics,
} from "@venus/data-common";
import type { BotsFile, VenusConfig } from "@venus/model";
import type { Logger } from "@venus/simple-backend";
import { AccountCache, lastSeenOnAccounts } from "./cache/account-cache.js";
import type { AccountContext } from "./context.js";
import { DataExports } from "./data-export/data-exports.js";
import { AccountMail } from "./mail/account-mail.js";
import { OidcVerifier } from "./oidc/oidc-verifier.js";
import { SignInCache } from "./sign-in/sign-in-cache.js";
import { CustomMailState } from "./mail/custom-mail.js";
import { UnusedWarnings } from "./tidy-up/unused-accounts.js";
import { DeletionReminders } from "./deletion/deletion-reminders.js";
import { NewsBoard } from "./news/news-board.js";
import { RegistrationCaps } from "./registration/daily-caps.js";
import { DomainRules } from "./registration/domain-rules.js";
import { RuntimeFlagStore } from "./runtime-flag-store.js";
import { SignInLimits } from "./sign-in-limits.js";
import { PASSWORD_HASH_OPTIONS } from "./credentials.js";

export interface AccountComponentOptions {
  config: VenusConfig;
  log: Logger;
  writerMetrics: WriterMetrics;
  flusher: WriteBehindFlusher;
  connections: ConnectionRegistry;
  sync: SyncVersions;
  /** The bots file's moderation rules: the rule flags' values until they are first set. */
  moderationRules: BotsFile["moderation"];
  onCommitFailure?: (error: unknown) => void;
  now?: () => number;
}

/**
 * Opens `account.sqlite`, loads every account and session into memory, and wires the context. The
 * mail outbox is not started: the caller starts and stops it (`ctx.mail`). A bad mail templates
 * file is a ConfigError.
 */
export async function openAccountComponent(options: AccountComponentOptions): Promise<{
  ctx: AccountContext;
  db: Database;
  writer: GroupCommitWriter;
}> {
  const { config } = options;
  const { db, writer } = openStore({ ...options, name: "account", migrations: ACCOUNT_MIGRATIONS });
  const statements = new AccountStatements(db);
  const now = options.now ?? Date.now;
  const { connections } = options;
  const lastSeen = new WriteBehind<string, number>(writer, (_db, id, at) => statements.setLastSeen(id, at));
  const cache = AccountCache.load(statements);
  const presence = new Presence(connections, lastSeen, lastSeenOnAccounts(cache.accounts));
  const sessionUse = new WriteBehind<string, number>(writer, (_db, id, at) =>
    statements.setSessionLastUsed(id, at),
  );
  options.flusher.add(lastSeen);
  const sessionDevice = new WriteBehind<string, SessionDeviceRow>(writer, (_db, id, device) =>
    statements.setSessionDevice(id, device),
  );
  options.flusher.add(sessionUse);
  options.flusher.add(sessionDevice);
  const flags = new RuntimeFlagStore(config, options.moderationRules, statements, writer);
  const ctx: AccountContext = {
    config,
    cache,
    statements,
    writer,
    connections,
    flags,
    limits: new SignInLimits(config.rate_limits, now),
    signIn: SignInCache.load(statements, now()),
    oidc: new OidcVerifier(config.oidc_providers, config.sign_in),
    registration: {
      domains: DomainRules.fromConfig(config.registration),
      caps: new RegistrationCaps(flags, now),
    },
    mail: new AccountMail(config, statements, writer, options.log, now),
    news: new NewsBoard(new NewsStatements(db)),
    unusedWarnings: new UnusedWarnings(new UnusedWarningStatements(db)),
    deletionReminders: new DeletionReminders(new DeletionReminderStatements(db)),
    customMail: new CustomMailState(new CustomMailStatements(db), config.custom_email.to_one_per_hour, now),
    presence,
    sync: options.sync,
    sessionUse,
    sessionDevice,
    exports: new DataExports(config.account, now),
    dummyPasswordHash: await hash("venus-dummy-password", PASSWORD_HASH_OPTIONS),
    push: new PushCauses(writer, now),
    sessionsEnded: new SessionEndSignal(),
    now,
  };
  options.sync.register("account_state", (id) => ctx.cache.accounts.get(id)?.syncVersion ?? 0);
  options.sync.register("news", () => ctx.news.version());
  return { ctx, db, writer };
}
