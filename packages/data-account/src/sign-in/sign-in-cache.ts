import type { AccountStatements, OidcIdentityRow } from "@venus/database";

export interface LinkedIdentity {
  provider: string;
  subject: string;
  accountId: string;
  email: string;
  linkedAt: number;
}

/** An emailed sign-in code, found by its client token's hash. */
export interface EmailCode {
  tokenHash: string;
  email: string;
  codeHash: string;
  expiresAt: number;
  attemptsLeft: number;
}

/** The one address an account is verifying: its own, or the one it changes to. */
export interface EmailVerification {
  accountId: string;
  email: string;
  codeHash: string;
  linkHash: string;
  expiresAt: number;
  attemptsLeft: number;
  /** Of the mail that asked, for the mails that follow (the notice to the old address). */
  language: string | undefined;
}

const live = (verification: EmailVerification | undefined, now: number) =>
  verification && verification.expiresAt > now ? verification : undefined;

const identityKey = (provider: string, subject: string) => `${provider}\0${subject}`;

const identityFromRow = (row: OidcIdentityRow): LinkedIdentity => ({
  provider: row.provider,
  subject: row.subject,
  accountId: row.account_id,
  email: row.email,
  linkedAt: row.linked_at,
});

/** Linked provider identities, live email codes and pending verifications, all in memory. */
export class SignInCache {
  private readonly identities = new Map<string, LinkedIdentity>();
  private readonly identitiesByAccount = new Map<string, Map<string, LinkedIdentity>>();
  readonly codes = new Map<string, EmailCode>();
  private readonly verifications = new Map<string, EmailVerification>();
  private readonly verificationsByLink = new Map<string, EmailVerification>();
  /** Hashes of ID tokens that signed in, until they expire: each one works once. */
  private readonly usedIdTokens = new Map<string, number>();

  static load(statements: AccountStatements, now: number): SignInCache {
    const cache = new SignInCache();
    for (const row of statements.signIn.loadIdentities()) cache.addIdentity(identityFromRow(row));
    for (const row of statements.signIn.loadCodes(now)) {
      cache.codes.set(row.token_hash.toString("hex"), {
        tokenHash: row.token_hash.toString("hex"),
        email: row.email,
        codeHash: row.code_hash.toString("hex"),
        expiresAt: row.expires_at,
        attemptsLeft: row.attempts_left,
      });
    }
    for (const row of statements.signIn.loadUsedIdTokens(now))
      cache.usedIdTokens.set(row.token_hash.toString("hex"), row.expires_at);
    for (const row of statements.signIn.loadVerifications()) {
      cache.putVerification({
        accountId: row.account_id,
        email: row.email,
        codeHash: row.code_hash.toString("hex"),
        linkHash: row.link_hash.toString("hex"),
        expiresAt: row.expires_at,
        attemptsLeft: row.attempts_left,
        language: row.language ?? undefined,
      });
    }
    return cache;
  }

  identity(provider: string, subject: string): LinkedIdentity | undefined {
    return this.identities.get(identityKey(provider, subject));
  }

  identitiesOf(accountId: string): LinkedIdentity[] {
    return [...(this.identitiesByAccount.get(accountId)?.values() ?? [])];
  }

  identityOf(accountId: string, provider: string): LinkedIdentity | undefined {
    return this.identitiesByAccount.get(accountId)?.get(provider);
  }

  addIdentity(identity: LinkedIdentity): void {
    this.identities.set(identityKey(identity.provider, identity.subject), identity);
    let own = this.identitiesByAccount.get(identity.accountId);
    if (!own) this.identitiesByAccount.set(identity.accountId, (own = new Map()));
    own.set(identity.provider, identity);
  }

  removeIdentity(identity: LinkedIdentity): void {
    this.identities.delete(identityKey(identity.provider, identity.subject));
    const own = this.identitiesByAccount.get(identity.accountId);
    own?.delete(identity.provider);
    if (own?.size === 0) this.identitiesByAccount.delete(identity.accountId);
  }

  /** The account's pending verification, unless it has expired by `now`. */
  verification(accountId: string, now: number): EmailVerification | undefined {
    return live(this.verifications.get(accountId), now);
  }

  /** The pending verification a link token's hash opens, unless it has expired by `now`. */
  verificationByLink(linkHash: string, now: number): EmailVerification | undefined {
    return live(this.verificationsByLink.get(linkHash), now);
  }

  putVerification(verification: EmailVerification): void {
    this.removeVerification(verification.accountId);
    this.verifications.set(verification.accountId, verification);
    this.verificationsByLink.set(verification.linkHash, verification);
  }

  removeVerification(accountId: string): void {
    const old = this.verifications.get(accountId);
    if (!old) return;
    this.verifications.delete(accountId);
    this.verificationsByLink.delete(old.linkHash);
  }

  /** Records an ID token's use in memory (the caller writes it); false when it was used before (a replay). */
  useIdToken(tokenHash: string, expiresAt: number): boolean {
    if (this.usedIdTokens.has(tokenHash)) return false;
    this.usedIdTokens.set(tokenHash, expiresAt);
    return true;
  }

  forgetAccount(accountId: string): void {
    for (const identity of this.identitiesOf(accountId)) this.removeIdentity(identity);
    this.removeVerification(accountId);
  }

  /** Drops expired codes, verifications and used-token records from memory. */
  prune(now: number): void {
    for (const [hash, code] of this.codes) if (code.expiresAt <= now) this.codes.delete(hash);
    for (const verification of [...this.verifications.values()])
      if (verification.expiresAt <= now) this.removeVerification(verification.accountId);
    for (const [hash, expiresAt] of this.usedIdTokens) if (expiresAt <= now) this.usedIdTokens.delete(hash);
  }
}
