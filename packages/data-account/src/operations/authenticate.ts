import { VenusError } from "@venus/model";
import type { Account } from "../cache/account-entity.js";
import type { Session } from "../cache/session-entity.js";
import type { AccountContext } from "../context.js";
import { hashToken, hashesEqual } from "../tokens.js";

export interface Authenticated {
  account: Account;
  session: Session;
}

function sessionOf(ctx: AccountContext, accessToken: string): Authenticated {
  const hash = hashToken(accessToken);
  const session = ctx.cache.sessionsByAccess.get(hash);
  const account = session && ctx.cache.accounts.get(session.accountId);
  if (!session || !account || !hashesEqual(session.accessHash, hash)) throw new VenusError("invalid_token");
  return { account, session };
}

/**
 * HTTP authentication from memory only: the access token must be current and its session must have a
 * live WebSocket (a token copied from an offline device is useless).
 */
export function authenticateHttp(ctx: AccountContext, accessToken: string | undefined): Authenticated {
  if (!accessToken) throw new VenusError("invalid_token", "missing Authorization: Bearer <access_token>");
  const auth = sessionOf(ctx, accessToken);
  if (!ctx.connections.forSession(auth.session.id)) throw new VenusError("websocket_required");
  const now = ctx.now();
  auth.session.lastUsedAt = now;
  ctx.sessionUse.set(auth.session.id, now);
  return auth;
}

/** Checks the access token of a WebSocket hello: it must be current and younger than its lifetime. */
export function authenticateHello(ctx: AccountContext, accessToken: string): Authenticated {
  const auth = sessionOf(ctx, accessToken);
  if (ctx.now() - auth.session.accessIssuedAt > ctx.config.tokens.access_token_ttl_seconds * 1000) {
    throw new VenusError("token_expired");
  }
  return auth;
}
