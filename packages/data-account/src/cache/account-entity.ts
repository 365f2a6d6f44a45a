import { Interned, literalOf } from "@venus/data-common";
import type { AccountLoadRow, AccountRow, AccountStatements, Columns } from "@venus/database";
import { ACCOUNT_STATES, GENDERS, type AccountState, type Gender, type Permission } from "@venus/model";

export interface Account {
  id: string;
  email: string;
  /** The owner has shown they receive mail at `email` (a code, a link, or a provider's word). */
  emailVerified: boolean;
  /**
   * Empty for accounts made without a password (OpenID Connect, email code): password login is
   * refused. Null: set, and only in `account.sqlite` (a million hashes would take ~120 MB; one is
   * read when a password is checked, `passwordHashOf`). Set or changed in this run: held here.
   */
  passwordHash: string | null;
  state: AccountState;
  permissions: Set<Permission>;
  /** Bumped whenever state or permissions change; clients sync on it. */
  syncVersion: number;
  createdAt: number;
  /** Held here for Presence (see lastSeenOnAccounts), not in a map of its own; null: never. */
  lastSeenAt: number | null;
  name: string | null;
  birthdate: string | null;
  gender: Gender | null;
  lookingFor: Gender[] | null;
  initialAge: number | null;
  initialAgeYear: number | null;
  /** Made on the local bot listener; signs in only there or through remote bot login. */
  bot: boolean;
  /** Locked by an admin: every login is refused. */
  locked: boolean;
  /** Set while the state is `banned`. */
  ban: Ban | null;
  /** Set while the state is `pending_deletion`. */
  deletion: Deletion | null;
  /** The owner's language for mails and news (PUT /account/language); null: email.default_language. */
  language: string | null;
}

export interface Deletion {
  /** Unix ms when the daily task deletes the account. */
  at: number;
  /** The state a cancel gives back. */
  stateBefore: AccountState;
  /** Removing the account has begun (durable): no cancel, no login; start-up finishes it. */
  deleting: boolean;
}

export interface Ban {
  /** Unix ms when the daily task lifts it; null: only an admin lifts it. */
  until: number | null;
  reason: string;
  /** The state the account returns to when the ban is lifted. */
  stateBefore: AccountState;
}

/** An account made in this run: its password hash ("" for none) is in memory. */
export type NewAccount = Account & { passwordHash: string };

/** A new account in `initial_setup`: nothing of the setup answered yet. */
export function newAccount(
  fields: Pick<NewAccount, "id" | "email" | "passwordHash" | "permissions" | "createdAt" | "bot"> &
    Partial<Pick<Account, "emailVerified">>,
): NewAccount {
  return {
    emailVerified: false,
    ...fields,
    state: "initial_setup",
    syncVersion: 1,
    lastSeenAt: null,
    name: null,
    birthdate: null,
    gender: null,
    lookingFor: null,
    initialAge: null,
    initialAgeYear: null,
    locked: false,
    ban: null,
    deletion: null,
    language: null,
  };
}

/** The columns start-up reads, in the order accountFromColumns takes them. */
export const ACCOUNT_COLUMNS = [
  "id",
  "email",
  "email_verified",
  "has_password",
  "state",
  "permissions",
  "sync_version",
  "created_at",
  "last_seen_at",
  "name",
  "birthdate",
  "gender",
  "looking_for",
  "initial_age",
  "initial_age_year",
  "bot",
  "locked",
  "ban_until",
  "ban_reason",
  "state_before_ban",
  "deletion_at",
  "state_before_deletion",
  "deleting",
  "language",
] as const;

export type AccountColumns = Columns<AccountLoadRow, typeof ACCOUNT_COLUMNS>;

/** Accounts share their permission sets (never changed in place: replaced) and gender lists. */
const permissionSets = new Interned((json) => new Set(JSON.parse(json) as Permission[]));
const genderLists = new Interned((json) => Object.freeze(JSON.parse(json) as Gender[]) as Gender[]);
const state = (value: string | null) => literalOf(ACCOUNT_STATES, value ?? "normal");

/** An account from its row as read at start-up. */
export function accountFromColumns(row: AccountColumns): Account {
  const [
    id,
    email,
    emailVerified,
    hasPassword,
    rowState,
    permissions,
    syncVersion,
    createdAt,
    lastSeenAt,
    name,
    birthdate,
    gender,
    lookingFor,
    initialAge,
    initialAgeYear,
    bot,
    locked,
    banUntil,
    banReason,
    stateBeforeBan,
    deletionAt,
    stateBeforeDeletion,
    deleting,
    language,
  ] = row;
  const accountState = state(rowState);
  return {
    id,
    email,
    emailVerified: emailVerified === 1,
    passwordHash: hasPassword === 1 ? null : "",
    state: accountState,
    permissions: permissionSets.get(permissions),
    syncVersion,
    createdAt,
    lastSeenAt,
    name,
    birthdate,
    gender: gender === null ? null : literalOf(GENDERS, gender),
    lookingFor: lookingFor === null ? null : genderLists.get(lookingFor),
    initialAge,
    initialAgeYear,
    bot: bot === 1,
    locked: locked === 1,
    ban:
      accountState === "banned"
        ? { until: banUntil, reason: banReason ?? "", stateBefore: state(stateBeforeBan) }
        : null,
    deletion:
      accountState === "pending_deletion"
        ? { at: deletionAt ?? 0, stateBefore: state(stateBeforeDeletion), deleting: deleting === 1 }
        : null,
    language,
  };
}

/** The account's password hash, "" when it has none. */
export function passwordHashOf(statements: AccountStatements, account: Account): string {
  return account.passwordHash ?? statements.passwordHash(account.id);
}

export function accountToRow(account: NewAccount): AccountRow {
  return {
    id: account.id,
    email: account.email,
    email_verified: account.emailVerified ? 1 : 0,
    password_hash: account.passwordHash,
    state: account.state,
    permissions: permissionsJson(account),
    sync_version: account.syncVersion,
    created_at: account.createdAt,
    last_seen_at: account.lastSeenAt,
    name: account.name,
    birthdate: account.birthdate,
    gender: account.gender,
    looking_for: account.lookingFor === null ? null : JSON.stringify(account.lookingFor),
    initial_age: account.initialAge,
    initial_age_year: account.initialAgeYear,
    bot: account.bot ? 1 : 0,
    locked: account.locked ? 1 : 0,
    ...banColumns(account),
    ...deletionColumns(account),
    language: account.language,
  };
}

/** The deletion columns as they are now: null and 0 unless the account is `pending_deletion`. */
export function deletionColumns(
  account: Account,
): Pick<AccountRow, "deletion_at" | "state_before_deletion" | "deleting"> {
  const { deletion } = account;
  return {
    deletion_at: deletion?.at ?? null,
    state_before_deletion: deletion?.stateBefore ?? null,
    deleting: deletion?.deleting ? 1 : 0,
  };
}

/** The ban columns as they are now: all null unless the account is banned. */
export function banColumns(
  account: Account,
): Pick<AccountRow, "ban_until" | "ban_reason" | "state_before_ban"> {
  const { ban } = account;
  return {
    ban_until: ban?.until ?? null,
    ban_reason: ban?.reason ?? null,
    state_before_ban: ban?.stateBefore ?? null,
  };
}

export function permissionsJson(account: Account): string {
  return JSON.stringify([...account.permissions].sort());
}
