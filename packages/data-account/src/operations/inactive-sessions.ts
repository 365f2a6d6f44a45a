import type { Session } from "../cache/session-entity.js";
import type { AccountContext } from "../context.js";
import { endSessions } from "./sessions.js";

const DAY_MS = 86_400_000;

/** Sessions last used before `cutoff` (unix ms) that have no live WebSocket now. */
export function inactiveSessions(
  sessions: Iterable<Session>,
  cutoff: number,
  connected: (sessionId: string) => boolean,
): Session[] {
  return [...sessions].filter((s) => s.lastUsedAt < cutoff && !connected(s.id));
}

/**
 * The daily task's part: ends every session unused (no HTTP call, no WebSocket connect) for longer
 * than `account.inactive_logout_days`; resolves with how many ended.
 */
export async function endInactiveSessions(ctx: AccountContext): Promise<number> {
  const cutoff = ctx.now() - ctx.config.account.inactive_logout_days * DAY_MS;
  const stale = inactiveSessions(ctx.cache.sessions.values(), cutoff, (id) =>
    Boolean(ctx.connections.forSession(id)),
  );
  await endSessions(ctx, stale, "session_ended");
  return stale.length;
}
