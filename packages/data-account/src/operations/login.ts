import { verify } from "@node-rs/argon2";
import { VenusError, type LoginRequest, type LoginResponse } from "@venus/model";
import { passwordHashOf } from "../cache/account-entity.js";
import type { AccountContext } from "../context.js";
import { normalizeEmail } from "../credentials.js";
import { awaitBackoff, takeAttempt } from "../sign-in-limits.js";
import { hashToken } from "../tokens.js";
import { startSession } from "./sessions.js";

/** Whether `refreshToken` is the live refresh token of one of the account's sessions: a device it knows. */
function knownDevice(ctx: AccountContext, accountId: string | undefined, refreshToken: string | undefined) {
  if (accountId === undefined || refreshToken === undefined) return false;
  const session = ctx.cache.sessionsByRefresh.get(hashToken(refreshToken));
  const ttlMs = ctx.config.tokens.refresh_token_ttl_seconds * 1000;
  return session?.accountId === accountId && ctx.now() - session.refreshIssuedAt <= ttlMs;
}

/**
 * Password login: a new session with a fresh token pair, committed before it is returned. Failed
 * logins make the account and the address wait, longer with each failure (docs/security.md); a device
 * that proves it already holds a session of the account is not held back by those waits.
 */
export async function login(ctx: AccountContext, request: LoginRequest, ip: string): Promise<LoginResponse> {
  const email = normalizeEmail(request.email);
  takeAttempt([ctx.limits.loginPerIp, ip]);
  const account = ctx.cache.byEmail.get(email);
  const failures = ctx.limits.loginFailures;
  const trusted = knownDevice(ctx, account?.id, request.refresh_token);
  if (!trusted) awaitBackoff([failures.account, email], [failures.address, ip]);
  const stored = account ? passwordHashOf(ctx.statements, account) : "";
  // An account made without a password (a provider, an email code) is checked against the dummy too.
  const passwordOk = await verify(stored || ctx.dummyPasswordHash, request.password).catch(() => false);
  // Whether or not the password was right: a lock must not tell anyone whether they guessed it.
  if (account?.locked) throw new VenusError("account_locked");
  if (!account || !stored || !passwordOk) {
    if (!trusted) {
      failures.account.failed(email);
      failures.address.failed(ip);
    }
    throw new VenusError("invalid_credentials");
  }
  failures.account.succeeded(email);
  const tokens = await startSession(ctx, account.id);
  return { account_id: account.id, ...tokens };
}
