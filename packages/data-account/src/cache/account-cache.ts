import type { LastSeenTimes } from "@venus/data-common";
import type { AccountStatements } from "@venus/database";
import { ACCOUNT_COLUMNS, accountFromColumns, type Account } from "./account-entity.js";
import { sessionFromRow, type Session } from "./session-entity.js";

/**
 * Every account and session in memory, indexed for the hot path: authentication and authorization
 * never touch SQLite. Loaded once at start-up.
 */
export class AccountCache {
  readonly accounts = new Map<string, Account>();
  readonly byEmail = new Map<string, Account>();
  /** Emails being registered right now, so two concurrent registrations cannot both pass. */
  readonly reservedEmails = new Set<string>();
  readonly sessions = new Map<string, Session>();
  readonly sessionsByAccess = new Map<string, Session>();
  readonly sessionsByRefresh = new Map<string, Session>();
  readonly sessionsByRetiredRefresh = new Map<string, Session>();
  readonly sessionsByAccount = new Map<string, Set<Session>>();
  readonly adminGrantEmails = new Set<string>();

  /** Loads every account (with its last-seen time, see lastSeenOnAccounts) and session. */
  static load(statements: AccountStatements): AccountCache {
    const cache = new AccountCache();
    for (const row of statements.loadAccounts(ACCOUNT_COLUMNS)) cache.addAccount(accountFromColumns(row));
    for (const row of statements.loadSessions()) cache.addSession(sessionFromRow(row));
    for (const row of statements.loadRetiredRefreshTokens()) {
      const session = cache.sessions.get(row.session_id);
      if (session) cache.retireRefresh(session, row.token_hash.toString("hex"), Infinity);
    }
    for (const email of statements.loadAdminGrantEmails()) cache.adminGrantEmails.add(email);
    return cache;
  }

  addAccount(account: Account): void {
    this.accounts.set(account.id, account);
    this.byEmail.set(account.email, account);
  }

  removeAccount(account: Account): void {
    this.accounts.delete(account.id);
    this.byEmail.delete(account.email);
  }

  addSession(session: Session): void {
    this.sessions.set(session.id, session);
    this.sessionsByAccess.set(session.accessHash, session);
    this.sessionsByRefresh.set(session.refreshHash, session);
    let own = this.sessionsByAccount.get(session.accountId);
    if (!own) this.sessionsByAccount.set(session.accountId, (own = new Set()));
    own.add(session);
  }

  removeSession(session: Session): void {
    this.sessions.delete(session.id);
    this.sessionsByAccess.delete(session.accessHash);
    this.sessionsByRefresh.delete(session.refreshHash);
    for (const hash of session.retiredRefreshHashes) this.sessionsByRetiredRefresh.delete(hash);
    const own = this.sessionsByAccount.get(session.accountId);
    own?.delete(session);
    if (own?.size === 0) this.sessionsByAccount.delete(session.accountId);
  }

  setAccessHash(session: Session, hash: string, issuedAt: number): void {
    this.sessionsByAccess.delete(session.accessHash);
    session.accessHash = hash;
    session.accessIssuedAt = issuedAt;
    this.sessionsByAccess.set(hash, session);
  }

  setRefreshHash(session: Session, hash: string, issuedAt: number): void {
    this.sessionsByRefresh.delete(session.refreshHash);
    session.refreshHash = hash;
    session.refreshIssuedAt = issuedAt;
    this.sessionsByRefresh.set(hash, session);
  }

  /** Remembers a replaced refresh token, keeping at most `keep` per session. */
  retireRefresh(session: Session, hash: string, keep: number): void {
    session.retiredRefreshHashes.push(hash);
    this.sessionsByRetiredRefresh.set(hash, session);
    while (session.retiredRefreshHashes.length > keep) {
      this.sessionsByRetiredRefresh.delete(session.retiredRefreshHashes.shift() as string);
    }
  }
}

/**
 * Presence's last-seen times kept on the accounts themselves: a map of a million entries beside the
 * accounts map would cost ~50 bytes an account. A time for an account not in the cache is dropped.
 */
export function lastSeenOnAccounts(accounts: Map<string, Account>): LastSeenTimes {
  return {
    get: (id) => accounts.get(id)?.lastSeenAt ?? undefined,
    set: (id, at) => {
      const account = accounts.get(id);
      if (account) account.lastSeenAt = at;
    },
    delete: () => {}, // the account leaves the cache with its time
  };
}
