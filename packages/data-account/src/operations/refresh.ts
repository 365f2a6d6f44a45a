import { VenusError, type LoginResponse } from "@venus/model";
import type { AccountContext } from "../context.js";
import { hashToken, newToken } from "../tokens.js";
import { endSession } from "./sessions.js";

/** How many replaced refresh tokens each session remembers for reuse detection. */
export const RETIRED_REFRESH_TOKENS_KEPT = 16;

/**
 * Exchanges a refresh token for a new pair. The old refresh token stops working; presenting a
 * replaced one again means it leaked, so the whole session ends.
 */
export async function refresh(ctx: AccountContext, refreshToken: string): Promise<LoginResponse> {
  const hash = hashToken(refreshToken);
  const session = ctx.cache.sessionsByRefresh.get(hash);
  if (!session) {
    const reused = ctx.cache.sessionsByRetiredRefresh.get(hash);
    if (!reused) throw new VenusError("invalid_token");
    await endSession(ctx, reused, "session_ended");
    throw new VenusError("refresh_token_reused");
  }
  const now = ctx.now();
  if (now - session.refreshIssuedAt > ctx.config.tokens.refresh_token_ttl_seconds * 1000) {
    await endSession(ctx, session, "session_ended");
    throw new VenusError("invalid_token", "the session has expired; log in again");
  }
  const tokens = { access_token: newToken(), refresh_token: newToken() };
  const oldRefresh = session.refreshHash;
  ctx.cache.retireRefresh(session, oldRefresh, RETIRED_REFRESH_TOKENS_KEPT);
  ctx.cache.setAccessHash(session, hashToken(tokens.access_token), now);
  ctx.cache.setRefreshHash(session, hashToken(tokens.refresh_token), now);
  // The live WebSocket was opened with the old access token: the client reconnects with the new one.
  ctx.connections.disconnectSession(session.id, "tokens_refreshed");
  await ctx.writer.write(() => {
    ctx.statements.updateTokens(
      session.id,
      Buffer.from(session.accessHash, "hex"),
      Buffer.from(session.refreshHash, "hex"),
      now,
    );
    ctx.statements.retireRefreshToken(
      {
        token_hash: Buffer.from(oldRefresh, "hex"),
        session_id: session.id,
        retired_at: now,
      },
      RETIRED_REFRESH_TOKENS_KEPT,
    );
  });
  return { account_id: session.accountId, ...tokens };
}
