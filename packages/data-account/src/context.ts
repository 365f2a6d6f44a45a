import type { AccountStatements, SessionDeviceRow } from "@venus/database";
import type {
  ConnectionRegistry,
  GroupCommitWriter,
  Presence,
  SyncVersions,
  WriteBehind,
  PushCauses,
  SessionEndSignal,
} from "@venus/data-common";
import type { VenusConfig } from "@venus/model";
import type { AccountCache } from "./cache/account-cache.js";
import type { DataExports } from "./data-export/data-exports.js";
import type { AccountMail } from "./mail/account-mail.js";
import type { CustomMailState } from "./mail/custom-mail.js";
import type { UnusedWarnings } from "./tidy-up/unused-accounts.js";
import type { DeletionReminders } from "./deletion/deletion-reminders.js";
import type { NewsBoard } from "./news/news-board.js";
import type { OidcVerifier } from "./oidc/oidc-verifier.js";
import type { DomainRules } from "./registration/domain-rules.js";
import type { RegistrationCaps } from "./registration/daily-caps.js";
import type { RuntimeFlagStore } from "./runtime-flag-store.js";
import type { SignInCache } from "./sign-in/sign-in-cache.js";
import type { SignInLimits } from "./sign-in-limits.js";

/** Everything an account operation works with. */
export interface AccountContext {
  config: VenusConfig;
  cache: AccountCache;
  statements: AccountStatements;
  writer: GroupCommitWriter;
  connections: ConnectionRegistry;
  flags: RuntimeFlagStore;
  limits: SignInLimits;
  /** Linked provider identities, email codes and pending verifications. */
  signIn: SignInCache;
  oidc: OidcVerifier;
  /** Who may register: email domains and daily caps. */
  registration: { domains: DomainRules; caps: RegistrationCaps };
  mail: AccountMail;
  /** News items and each account's read mark. */
  news: NewsBoard;
  /** Unsubscribe tokens and the last mail to all. */
  customMail: CustomMailState;
  /** When the tidy-up warned each unused account. */
  unusedWarnings: UnusedWarnings;
  deletionReminders: DeletionReminders;
  presence: Presence;
  /** Versions of cached data types, per component; this one registers `account_state`. */
  sync: SyncVersions;
  /** Write-behind: session id → last use (unix ms). */
  sessionUse: WriteBehind<string, number>;
  /** Write-behind: session id → the client and coarse address of its last connection. */
  sessionDevice: WriteBehind<string, SessionDeviceRow>;
  /** Each account's data export (building, ready, expired); the archives are data-all's files. */
  exports: DataExports;
  /** A hash verified when the email is unknown, so both failures take the same time. */
  dummyPasswordHash: string;
  /** Pushes this component's writes cause (news, bans, …), recorded in their commit (docs/push.md). */
  push: PushCauses;
  /** Raised after sessions ended durably (the push component drops their targets). */
  sessionsEnded: SessionEndSignal;
  now: () => number;
}
