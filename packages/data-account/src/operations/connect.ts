import type { LiveConnection } from "@venus/data-common";
import type { EventName } from "@venus/model";
import type { Authenticated } from "./authenticate.js";
import type { AccountContext } from "../context.js";
import { hashToken, newToken } from "../tokens.js";

/**
 * Rotates the access token when it is at least `access_token_rotate_after_seconds` old; resolves with
 * the new token once committed, or undefined when no rotation was due.
 */
export async function rotateAccessTokenIfDue(
  ctx: AccountContext,
  auth: Authenticated,
): Promise<string | undefined> {
  const now = ctx.now();
  if (now - auth.session.accessIssuedAt < ctx.config.tokens.access_token_rotate_after_seconds * 1000)
    return undefined;
  const token = newToken();
  ctx.cache.setAccessHash(auth.session, hashToken(token), now);
  const { id, accessHash } = auth.session;
  await ctx.writer.write(() => ctx.statements.updateAccessToken(id, Buffer.from(accessHash, "hex"), now));
  return token;
}

/**
 * Registers the live connection (replacing older ones) and returns the sync events it needs; a
 * connection whose session has ended meanwhile is closed instead.
 */
export function attachConnection(
  ctx: AccountContext,
  auth: Authenticated,
  connection: LiveConnection,
  clientSync: Record<string, number>,
): EventName[] {
  if (!ctx.cache.sessions.has(auth.session.id)) {
    // The session ended while its hello was being answered (a logout, a lock): nothing to attach.
    connection.disconnect("session_ended");
    return [];
  }
  ctx.connections.attach(connection);
  const now = ctx.now();
  ctx.presence.markSeen(auth.account.id, now);
  // A connection uses the session even when the device then speaks only over the socket.
  auth.session.lastUsedAt = now;
  ctx.sessionUse.set(auth.session.id, now);
  return ctx.sync.changedEvents(auth.account.id, clientSync);
}

export function detachConnection(ctx: AccountContext, connection: LiveConnection): void {
  ctx.connections.detach(connection);
  ctx.presence.markSeen(connection.accountId, ctx.now());
}
