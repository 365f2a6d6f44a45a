import type { LiveConnection } from "@venus/data-common";
import type { EventName, HelloFrame } from "@venus/model";
import { coarseAddress } from "../devices/coarse-address.js";
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
 * Registers the live connection (replacing its session's older one), remembers the device's client
 * and coarse address, and returns the sync events it needs; a connection whose session has ended
 * meanwhile is closed instead.
 */
export function attachConnection(
  ctx: AccountContext,
  auth: Authenticated,
  connection: LiveConnection,
  hello: Pick<HelloFrame, "client" | "sync">,
  remoteAddress: string,
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
  const device = { ...hello.client, address: coarseAddress(remoteAddress) };
  auth.session.device = device;
  ctx.sessionDevice.set(auth.session.id, {
    client_kind: device.kind,
    client_version: device.version,
    address: device.address,
  });
  return ctx.sync.changedEvents(auth.account.id, hello.sync ?? {});
}

export function detachConnection(ctx: AccountContext, connection: LiveConnection): void {
  ctx.connections.detach(connection);
  ctx.presence.markSeen(connection.accountId, ctx.now());
}
