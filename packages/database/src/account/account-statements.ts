import type { Database, Statement } from "better-sqlite3";
import type {
  AccountLoadRow,
  AccountRow,
  BanColumns,
  DeletionColumns,
  RetiredRefreshRow,
  SessionDeviceRow,
  SessionRow,
} from "./account-rows.js";
import { iterateColumns } from "../read-columns.js";
import { AuditStatements } from "./audit-statements.js";
import { MailOutboxStatements } from "./mail-outbox-statements.js";
import { SignInStatements } from "./sign-in-statements.js";

/** The columns of a new account no admin (or deletion, or verification) has acted on yet. */
const ACCOUNT_ADMIN_DEFAULTS = {
  email_verified: 0,
  locked: 0,
  ban_until: null,
  ban_reason: null,
  state_before_ban: null,
  deletion_at: null,
  state_before_deletion: null,
  deleting: 0,
  language: null,
};

/** An account row to insert: the lock, ban, deletion, verification and language columns may be left out. */
export type NewAccountRow = Omit<AccountRow, keyof typeof ACCOUNT_ADMIN_DEFAULTS> &
  Partial<Pick<AccountRow, keyof typeof ACCOUNT_ADMIN_DEFAULTS>>;

/** Every statement the account component runs, prepared once. Writes are called inside writer batches. */
export class AccountStatements {
  readonly audit: AuditStatements;
  readonly signIn: SignInStatements;
  readonly outbox: MailOutboxStatements;
  private readonly insertAccountStmt: Statement<[AccountRow]>;
  private readonly updateStateStmt: Statement<
    [{ id: string; state: string; permissions: string; sync_version: number }]
  >;
  private readonly updateSetupStmt: Statement<
    [Pick<AccountRow, "id" | "name" | "birthdate" | "gender" | "looking_for">]
  >;
  private readonly completeSetupStmt: Statement<
    [Pick<AccountRow, "id" | "state" | "permissions" | "sync_version" | "initial_age" | "initial_age_year">]
  >;
  private readonly lastSeenStmt: Statement<[number, string]>;
  private readonly insertSessionStmt: Statement<[SessionRow]>;
  private readonly updateAccessStmt: Statement<[Buffer, number, string]>;
  private readonly updateTokensStmt: Statement<[Buffer, number, Buffer, number, string]>;
  private readonly sessionUsedStmt: Statement<[number, string]>;
  private readonly sessionDeviceStmt: Statement<[SessionDeviceRow & { id: string }]>;
  private readonly deleteSessionStmt: Statement<[string]>;
  private readonly retireStmt: Statement<[RetiredRefreshRow]>;
  private readonly pruneRetiredStmt: Statement<[string, string, number]>;
  private readonly setFlagStmt: Statement<[string, string]>;
  private readonly insertGrantStmt: Statement<[string, string, number]>;
  private readonly setBanStmt: Statement<[BanColumns]>;
  private readonly setLockedStmt: Statement<[number, string]>;
  private readonly deleteAccountSessionsStmt: Statement<[string]>;
  private readonly setDeletionStmt: Statement<[DeletionColumns]>;
  private readonly deleteAccountStmt: Statement<[string]>;
  private readonly setLanguageStmt: Statement<
    [{ id: string; language: string | null; sync_version: number }]
  >;
  private readonly forgetGrantStmt: Statement<[string]>;
  private readonly passwordHashStmt: Statement<[string]>;

  constructor(private readonly db: Database) {
    this.insertAccountStmt = db.prepare(
      `INSERT INTO account (id, email, password_hash, state, permissions, sync_version, created_at, last_seen_at,
         name, birthdate, gender, looking_for, initial_age, initial_age_year, bot, locked, ban_until, ban_reason,
         state_before_ban, deletion_at, state_before_deletion, deleting, email_verified, language)
       VALUES (@id, @email, @password_hash, @state, @permissions, @sync_version, @created_at, @last_seen_at,
         @name, @birthdate, @gender, @looking_for, @initial_age, @initial_age_year, @bot, @locked, @ban_until,
         @ban_reason, @state_before_ban, @deletion_at, @state_before_deletion, @deleting, @email_verified, @language)`,
    );
    this.updateStateStmt = db.prepare(
      "UPDATE account SET state = @state, permissions = @permissions, sync_version = @sync_version WHERE id = @id",
    );
    this.updateSetupStmt = db.prepare(
      `UPDATE account SET name = @name, birthdate = @birthdate, gender = @gender, looking_for = @looking_for
       WHERE id = @id`,
    );
    this.completeSetupStmt = db.prepare(
      `UPDATE account SET state = @state, permissions = @permissions, sync_version = @sync_version,
         initial_age = @initial_age, initial_age_year = @initial_age_year, birthdate = NULL WHERE id = @id`,
    );
    this.lastSeenStmt = db.prepare("UPDATE account SET last_seen_at = ? WHERE id = ?");
    this.insertSessionStmt = db.prepare(
      `INSERT INTO session (id, account_id, access_hash, access_issued_at, refresh_hash, refresh_issued_at,
         created_at, last_used_at, public_id, client_kind, client_version, address)
       VALUES (@id, @account_id, @access_hash, @access_issued_at, @refresh_hash, @refresh_issued_at,
         @created_at, @last_used_at, @public_id, @client_kind, @client_version, @address)`,
    );
    this.sessionDeviceStmt = db.prepare(
      `UPDATE session SET client_kind = @client_kind, client_version = @client_version, address = @address
       WHERE id = @id`,
    );
    this.updateAccessStmt = db.prepare(
      "UPDATE session SET access_hash = ?, access_issued_at = ? WHERE id = ?",
    );
    this.updateTokensStmt = db.prepare(
      `UPDATE session SET access_hash = ?, access_issued_at = ?, refresh_hash = ?, refresh_issued_at = ?
       WHERE id = ?`,
    );
    this.sessionUsedStmt = db.prepare("UPDATE session SET last_used_at = ? WHERE id = ?");
    this.deleteSessionStmt = db.prepare("DELETE FROM session WHERE id = ?");
    this.retireStmt = db.prepare(
      "INSERT OR REPLACE INTO retired_refresh_token (token_hash, session_id, retired_at) VALUES (@token_hash, @session_id, @retired_at)",
    );
    this.pruneRetiredStmt = db.prepare(
      `DELETE FROM retired_refresh_token WHERE session_id = ? AND token_hash NOT IN
         (SELECT token_hash FROM retired_refresh_token WHERE session_id = ? ORDER BY retired_at DESC, rowid DESC LIMIT ?)`,
    );
    this.setFlagStmt = db.prepare(
      "INSERT INTO runtime_flag (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
    );
    this.insertGrantStmt = db.prepare(
      "INSERT INTO admin_grant (email, account_id, granted_at) VALUES (?, ?, ?)",
    );
    this.setBanStmt = db.prepare(
      `UPDATE account SET state = @state, sync_version = @sync_version, ban_until = @ban_until,
         ban_reason = @ban_reason, state_before_ban = @state_before_ban WHERE id = @id`,
    );
    this.setLockedStmt = db.prepare("UPDATE account SET locked = ? WHERE id = ?");
    this.deleteAccountSessionsStmt = db.prepare("DELETE FROM session WHERE account_id = ?");
    this.setDeletionStmt = db.prepare(
      `UPDATE account SET state = @state, sync_version = @sync_version, deletion_at = @deletion_at,
         state_before_deletion = @state_before_deletion, deleting = @deleting WHERE id = @id`,
    );
    this.deleteAccountStmt = db.prepare("DELETE FROM account WHERE id = ?");
    this.setLanguageStmt = db.prepare(
      "UPDATE account SET language = @language, sync_version = @sync_version WHERE id = @id",
    );
    // The grant stays (the email is the operator's, from config): it must not make a new account admin.
    this.forgetGrantStmt = db.prepare("UPDATE admin_grant SET account_id = '' WHERE account_id = ?");
    this.passwordHashStmt = db.prepare("SELECT password_hash FROM account WHERE id = ?").pluck();
    this.audit = new AuditStatements(db);
    this.signIn = new SignInStatements(db);
    this.outbox = new MailOutboxStatements(db);
  }

  /**
   * Every account as arrays of `columns`, streamed: a million accounts never sit in memory twice
   * while the cache is built. `has_password` reads 1 when a password is set, without the hash.
   */
  loadAccounts<const C extends readonly (keyof AccountLoadRow & string)[]>(columns: C) {
    return iterateColumns<AccountLoadRow, C>(this.db, "account", columns, {
      has_password: "password_hash <> ''",
    });
  }

  /** The stored password hash ("" when none is set, or the account is gone); read when one is checked. */
  passwordHash(id: string): string {
    return (this.passwordHashStmt.get(id) as string | undefined) ?? "";
  }

  loadSessions(): IterableIterator<SessionRow> {
    return this.db.prepare("SELECT * FROM session").iterate() as IterableIterator<SessionRow>;
  }

  loadRetiredRefreshTokens(): RetiredRefreshRow[] {
    // Oldest first, rowid breaking ties within a millisecond, so the cache keeps the same newest ones.
    return this.db
      .prepare("SELECT * FROM retired_refresh_token ORDER BY retired_at, rowid")
      .all() as RetiredRefreshRow[];
  }

  loadFlags(): { name: string; value: string }[] {
    return this.db.prepare("SELECT name, value FROM runtime_flag").all() as {
      name: string;
      value: string;
    }[];
  }

  loadAdminGrantEmails(): string[] {
    return (
      this.db.prepare("SELECT email FROM admin_grant").all() as {
        email: string;
      }[]
    ).map((r) => r.email);
  }

  /** A new account; lock and ban columns default to "none". */
  insertAccount(row: NewAccountRow): void {
    this.insertAccountStmt.run({ ...ACCOUNT_ADMIN_DEFAULTS, ...row });
  }

  updateState(id: string, state: string, permissions: string, syncVersion: number): void {
    this.updateStateStmt.run({
      id,
      state,
      permissions,
      sync_version: syncVersion,
    });
  }

  updateSetup(row: Pick<AccountRow, "id" | "name" | "birthdate" | "gender" | "looking_for">): void {
    this.updateSetupStmt.run(row);
  }

  completeSetup(
    row: Pick<
      AccountRow,
      "id" | "state" | "permissions" | "sync_version" | "initial_age" | "initial_age_year"
    >,
  ): void {
    this.completeSetupStmt.run(row);
  }

  setLastSeen(id: string, at: number): void {
    this.lastSeenStmt.run(at, id);
  }

  insertSession(row: SessionRow): void {
    this.insertSessionStmt.run(row);
  }

  updateAccessToken(sessionId: string, accessHash: Buffer, issuedAt: number): void {
    this.updateAccessStmt.run(accessHash, issuedAt, sessionId);
  }

  updateTokens(sessionId: string, accessHash: Buffer, refreshHash: Buffer, issuedAt: number): void {
    this.updateTokensStmt.run(accessHash, issuedAt, refreshHash, issuedAt, sessionId);
  }

  setSessionLastUsed(sessionId: string, at: number): void {
    this.sessionUsedStmt.run(at, sessionId);
  }

  setSessionDevice(sessionId: string, device: SessionDeviceRow): void {
    this.sessionDeviceStmt.run({ id: sessionId, ...device });
  }

  deleteSession(sessionId: string): void {
    this.deleteSessionStmt.run(sessionId);
  }

  /** Keeps the `keep` most recent retired refresh tokens of a session for reuse detection. */
  retireRefreshToken(row: RetiredRefreshRow, keep: number): void {
    this.retireStmt.run(row);
    this.pruneRetiredStmt.run(row.session_id, row.session_id, keep);
  }

  setFlag(name: string, jsonValue: string): void {
    this.setFlagStmt.run(name, jsonValue);
  }

  insertAdminGrant(email: string, accountId: string, at: number): void {
    this.insertGrantStmt.run(email, accountId, at);
  }

  /** Bans, changes or lifts a ban: the state and the ban columns together. */
  setBan(row: BanColumns): void {
    this.setBanStmt.run(row);
  }

  setLocked(id: string, locked: boolean): void {
    this.setLockedStmt.run(locked ? 1 : 0, id);
  }

  /** A new password hash (`venus admin reset-password`); rarely used, so prepared on each call. */
  setPasswordHash(id: string, passwordHash: string): void {
    this.db.prepare("UPDATE account SET password_hash = ? WHERE id = ?").run(passwordHash, id);
  }

  /** Ends every session of an account (their retired refresh tokens go with them). */
  deleteSessionsOf(accountId: string): void {
    this.deleteAccountSessionsStmt.run(accountId);
  }

  /** Asks for, cancels or marks under way a deletion: the state and the deletion columns together. */
  setDeletion(row: DeletionColumns): void {
    this.setDeletionStmt.run(row);
  }

  setLanguage(id: string, language: string | null, syncVersion: number): void {
    this.setLanguageStmt.run({ id, language, sync_version: syncVersion });
  }

  /**
   * The last step of a deletion: the account row, its sessions, linked identities and pending
   * verification; its admin grant keeps no id.
   */
  deleteAccount(accountId: string): void {
    this.deleteAccountSessionsStmt.run(accountId);
    this.signIn.deleteAccountRows(accountId);
    this.forgetGrantStmt.run(accountId);
    this.deleteAccountStmt.run(accountId);
  }
}
