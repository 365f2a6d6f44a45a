import { randomBytes, randomUUID } from "node:crypto";
import { VenusError, type DisconnectReason } from "@venus/model";
import type { Session } from "../cache/session-entity.js";
import { sessionToRow } from "../cache/session-entity.js";
import type { AccountContext } from "../context.js";
import { hashToken, newToken } from "../tokens.js";

export interface TokenPair {
  access_token: string;
  refresh_token: string;
}

/**
 * Opens a session for the account, ending its least recently used ones beyond the per-account limit.
 * A locked account gets none, whichever way it signs in.
 */
export async function startSession(ctx: AccountContext, accountId: string): Promise<TokenPair> {
  const account = ctx.cache.accounts.get(accountId);
  if (account?.locked) throw new VenusError("account_locked");
  // Being removed right now: as if it were gone already.
  if (account?.deletion?.deleting) throw new VenusError("invalid_credentials");
  const now = ctx.now();
  const tokens = { access_token: newToken(), refresh_token: newToken() };
  const session: Session = {
    id: randomUUID(),
    accountId,
    accessHash: hashToken(tokens.access_token),
    accessIssuedAt: now,
    refreshHash: hashToken(tokens.refresh_token),
    refreshIssuedAt: now,
    createdAt: now,
    lastUsedAt: now,
    publicId: randomBytes(16).toString("hex"),
    device: null,
    retiredRefreshHashes: [],
  };
  const own = [...(ctx.cache.sessionsByAccount.get(accountId) ?? [])].sort(
    (a, b) => a.lastUsedAt - b.lastUsedAt,
  );
  const evicted = own.slice(0, Math.max(0, own.length + 1 - ctx.config.tokens.max_sessions_per_account));
  for (const old of evicted) dropSession(ctx, old, "session_ended");
  ctx.cache.addSession(session);
  await ctx.writer.write(() => {
    for (const old of evicted) ctx.statements.deleteSession(old.id);
    ctx.statements.insertSession(sessionToRow(session));
  });
  await ctx.sessionsEnded.raise(evicted.map(({ id }) => id));
  return tokens;
}

function dropSession(ctx: AccountContext, session: Session, reason: DisconnectReason): void {
  ctx.cache.removeSession(session);
  ctx.connections.disconnectSession(session.id, reason);
}

/** Ends a session at once (its tokens stop working, its WebSocket closes); durable. */
export async function endSession(
  ctx: AccountContext,
  session: Session,
  reason: DisconnectReason,
): Promise<void> {
  dropSession(ctx, session, reason);
  await ctx.writer.write(() => ctx.statements.deleteSession(session.id));
  await ctx.sessionsEnded.raise([session.id]);
}

/**
 * Ends every session of an account at once: tokens stop working and each WebSocket gets `reason`.
 * Durable; resolves with how many sessions ended.
 */
export async function endAccountSessions(
  ctx: AccountContext,
  accountId: string,
  reason: DisconnectReason,
): Promise<number> {
  const own = [...(ctx.cache.sessionsByAccount.get(accountId) ?? [])];
  for (const session of own) dropSession(ctx, session, reason);
  await ctx.writer.write(() => ctx.statements.deleteSessionsOf(accountId));
  await ctx.sessionsEnded.raise(own.map(({ id }) => id));
  return own.length;
}

/** Ends these sessions (each WebSocket gets `reason`); durable, in one write. */
export async function endSessions(
  ctx: AccountContext,
  sessions: readonly Session[],
  reason: DisconnectReason,
): Promise<void> {
  for (const session of sessions) dropSession(ctx, session, reason);
  if (sessions.length === 0) return;
  await ctx.writer.write(() => {
    for (const session of sessions) ctx.statements.deleteSession(session.id);
  });
  await ctx.sessionsEnded.raise(sessions.map(({ id }) => id));
}
