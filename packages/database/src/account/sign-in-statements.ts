import type { Database, Statement } from "better-sqlite3";

export interface OidcIdentityRow {
  provider: string;
  subject: string;
  account_id: string;
  /** The provider's verified address when the identity was linked. */
  email: string;
  linked_at: number;
}

/** An emailed sign-in code, found by the hash of the client token it was given with. */
export interface EmailCodeRow {
  token_hash: Buffer;
  email: string;
  code_hash: Buffer;
  expires_at: number;
  attempts_left: number;
}

/** The address an account is verifying (its own, or the one it changes to): a code and a link. */
export interface EmailVerificationRow {
  account_id: string;
  email: string;
  code_hash: Buffer;
  link_hash: Buffer;
  expires_at: number;
  attempts_left: number;
  /** The language the account asked in, for the notice to the old address. */
  language: string | null;
}

/** Statements of the sign-in tables in account.sqlite; writes are called inside writer batches. */
export class SignInStatements {
  private readonly insertIdentityStmt: Statement<[OidcIdentityRow]>;
  private readonly deleteIdentityStmt: Statement<[string, string]>;
  private readonly insertCodeStmt: Statement<[EmailCodeRow]>;
  private readonly codeAttemptsStmt: Statement<[number, Buffer]>;
  private readonly deleteCodeStmt: Statement<[Buffer]>;
  private readonly deleteExpiredCodesStmt: Statement<[number]>;
  private readonly upsertVerificationStmt: Statement<[EmailVerificationRow]>;
  private readonly verificationAttemptsStmt: Statement<[number, string]>;
  private readonly deleteVerificationStmt: Statement<[string]>;
  private readonly deleteExpiredVerificationsStmt: Statement<[number]>;
  private readonly deleteIdentitiesOfStmt: Statement<[string]>;
  private readonly setEmailStmt: Statement<[string, number, string]>;
  private readonly insertUsedTokenStmt: Statement<[Buffer, number]>;
  private readonly deleteExpiredUsedTokensStmt: Statement<[number]>;

  constructor(private readonly db: Database) {
    this.insertIdentityStmt = db.prepare(
      `INSERT INTO oidc_identity (provider, subject, account_id, email, linked_at)
       VALUES (@provider, @subject, @account_id, @email, @linked_at)`,
    );
    this.deleteIdentityStmt = db.prepare("DELETE FROM oidc_identity WHERE account_id = ? AND provider = ?");
    this.insertCodeStmt = db.prepare(
      `INSERT INTO email_code (token_hash, email, code_hash, expires_at, attempts_left)
       VALUES (@token_hash, @email, @code_hash, @expires_at, @attempts_left)`,
    );
    this.codeAttemptsStmt = db.prepare("UPDATE email_code SET attempts_left = ? WHERE token_hash = ?");
    this.deleteCodeStmt = db.prepare("DELETE FROM email_code WHERE token_hash = ?");
    this.deleteExpiredCodesStmt = db.prepare("DELETE FROM email_code WHERE expires_at <= ?");
    this.upsertVerificationStmt = db.prepare(
      `INSERT OR REPLACE INTO email_verification
         (account_id, email, code_hash, link_hash, expires_at, attempts_left, language)
       VALUES (@account_id, @email, @code_hash, @link_hash, @expires_at, @attempts_left, @language)`,
    );
    this.verificationAttemptsStmt = db.prepare(
      "UPDATE email_verification SET attempts_left = ? WHERE account_id = ?",
    );
    this.deleteVerificationStmt = db.prepare("DELETE FROM email_verification WHERE account_id = ?");
    this.deleteExpiredVerificationsStmt = db.prepare("DELETE FROM email_verification WHERE expires_at <= ?");
    this.deleteIdentitiesOfStmt = db.prepare("DELETE FROM oidc_identity WHERE account_id = ?");
    this.setEmailStmt = db.prepare("UPDATE account SET email = ?, email_verified = ? WHERE id = ?");
    this.insertUsedTokenStmt = db.prepare("INSERT INTO used_id_token (token_hash, expires_at) VALUES (?, ?)");
    this.deleteExpiredUsedTokensStmt = db.prepare("DELETE FROM used_id_token WHERE expires_at <= ?");
  }

  loadIdentities(): OidcIdentityRow[] {
    return this.db.prepare("SELECT * FROM oidc_identity").all() as OidcIdentityRow[];
  }

  loadCodes(now: number): EmailCodeRow[] {
    return this.db.prepare("SELECT * FROM email_code WHERE expires_at > ?").all(now) as EmailCodeRow[];
  }

  loadUsedIdTokens(now: number): { token_hash: Buffer; expires_at: number }[] {
    return this.db.prepare("SELECT * FROM used_id_token WHERE expires_at > ?").all(now) as {
      token_hash: Buffer;
      expires_at: number;
    }[];
  }

  loadVerifications(): EmailVerificationRow[] {
    return this.db.prepare("SELECT * FROM email_verification").all() as EmailVerificationRow[];
  }

  insertIdentity(row: OidcIdentityRow): void {
    this.insertIdentityStmt.run(row);
  }

  deleteIdentity(accountId: string, provider: string): void {
    this.deleteIdentityStmt.run(accountId, provider);
  }

  insertCode(row: EmailCodeRow): void {
    this.insertCodeStmt.run(row);
  }

  setCodeAttemptsLeft(tokenHash: Buffer, attemptsLeft: number): void {
    this.codeAttemptsStmt.run(attemptsLeft, tokenHash);
  }

  deleteCode(tokenHash: Buffer): void {
    this.deleteCodeStmt.run(tokenHash);
  }

  /** An ID token that signed in (or linked): refused again until it expires. */
  insertUsedIdToken(tokenHash: Buffer, expiresAt: number): void {
    this.insertUsedTokenStmt.run(tokenHash, expiresAt);
  }

  /** Codes, verifications and used ID tokens past their time (the daily task). */
  deleteExpired(now: number): void {
    this.deleteExpiredCodesStmt.run(now);
    this.deleteExpiredVerificationsStmt.run(now);
    this.deleteExpiredUsedTokensStmt.run(now);
  }

  /** Starts (or restarts, with a new code and link) the account's one pending verification. */
  putVerification(row: EmailVerificationRow): void {
    this.upsertVerificationStmt.run(row);
  }

  setVerificationAttemptsLeft(accountId: string, attemptsLeft: number): void {
    this.verificationAttemptsStmt.run(attemptsLeft, accountId);
  }

  deleteVerification(accountId: string): void {
    this.deleteVerificationStmt.run(accountId);
  }

  /** The account's address and whether it is verified (a confirmed change sets both). */
  setEmail(accountId: string, email: string, verified: boolean): void {
    this.setEmailStmt.run(email, verified ? 1 : 0, accountId);
  }

  deleteAccountRows(accountId: string): void {
    this.deleteIdentitiesOfStmt.run(accountId);
    this.deleteVerificationStmt.run(accountId);
  }
}
