import type { LiveConnection } from "@venus/data-common";
import { SYNC_TYPES, type EventName, type SyncType } from "@venus/model";
import type { Authenticated } from "./authenticate.js";
import type { AccountContext } from "../context.js";
import { hashToken, newToken } from "../tokens.js";

/** The server's current version of each data type the client may have cached. */
function syncVersions(auth: Authenticated): Record<SyncType, number> {
  return { account_state: auth.account.syncVersion };
}

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

/** Registers the live connection (replacing older ones) and returns the sync events it needs. */
export function attachConnection(
  ctx: AccountContext,
  auth: Authenticated,
  connection: LiveConnection,
  clientSync: Record<string, number>,
): EventName[] {
  ctx.connections.attach(connection);
  markSeen(ctx, auth.account.id);
  const current = syncVersions(auth);
  return SYNC_TYPES.filter((type) => clientSync[type] !== current[type]).map(
    (type) => `${type}_changed` as EventName,
  );
}

export function detachConnection(ctx: AccountContext, connection: LiveConnection): void {
  ctx.connections.detach(connection);
  markSeen(ctx, connection.accountId);
}

function markSeen(ctx: AccountContext, accountId: string): void {
  const account = ctx.cache.accounts.get(accountId);
  if (!account) return;
  account.lastSeenAt = ctx.now();
  ctx.lastSeen.set(accountId, account.lastSeenAt);
}
