import { stateToRow } from "../automatic-search/automatic-searches.js";
import { findNewProfiles } from "../automatic-search/find-new-profiles.js";
import type { ProfileContext } from "../context.js";

/** Runs per batch: one commit each, and the event loop is let go in between. */
const BATCH = 500;

/**
 * Runs up to one batch of the automatic searches that are due: finds each account's new profiles,
 * commits every run's results with their `automatic_search` pushes in one batch, then tells each
 * account's devices (`automatic_search_changed` with the count). An account whose account is not in
 * use or that has no profile gets an empty run. `hidden(viewer, other)`: blocks, decided by chat.
 * Answers how many ran; call again while it answers a full batch.
 */
export async function runDueAutomaticSearches(
  ctx: ProfileContext,
  hidden: (viewerId: string, otherId: string) => boolean,
): Promise<number> {
  const { automaticSearch } = ctx;
  const due = automaticSearch.takeDue(BATCH);
  if (due.length === 0) return 0;
  const now = ctx.now();
  const cutoff = ctx.newProfiles.prune();
  const ran: { accountId: string; version: number; count: number }[] = [];
  for (const accountId of due) {
    const state = automaticSearch.states.get(accountId);
    if (!state) continue;
    const viewer = ctx.cache.profiles.get(accountId);
    state.results =
      viewer && ctx.listing.accountActive(accountId)
        ? findNewProfiles(ctx, viewer, state.settings, Math.max(state.since, cutoff), (id) =>
            hidden(accountId, id),
          )
        : [];
    state.since = now;
    state.lastRunAt = now;
    state.version++;
    automaticSearch.plan(accountId, state);
    ran.push({ accountId, version: state.version, count: state.results.length });
  }
  // Rows from memory as it is at commit: a settings change meanwhile is in the same row.
  await ctx.writer.write(() => {
    for (const { accountId, count } of ran) {
      const state = automaticSearch.states.get(accountId);
      if (state) ctx.automaticSearchStatements.save(stateToRow(accountId, state));
      if (count > 0) ctx.push.record(accountId, "automatic_search");
    }
  });
  for (const { accountId, version, count } of ran)
    ctx.connections.publish(accountId, "automatic_search_changed", { version, count });
  return due.length;
}
