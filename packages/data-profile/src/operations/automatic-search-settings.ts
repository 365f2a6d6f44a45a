import { DEFAULT_AUTOMATIC_SEARCH_SETTINGS, invalidField, type AutomaticSearchSettings } from "@venus/model";
import { stateToRow, type SearchState } from "../automatic-search/automatic-searches.js";
import type { ProfileContext } from "../context.js";

export function automaticSearchSettingsOf(ctx: ProfileContext, accountId: string): AutomaticSearchSettings {
  return ctx.automaticSearch.states.get(accountId)?.settings ?? DEFAULT_AUTOMATIC_SEARCH_SETTINGS;
}

function check(settings: AutomaticSearchSettings, ctx: ProfileContext): void {
  if (settings.window_end <= settings.window_start)
    throw invalidField("window_end", "must be after window_start (a window within one day)");
  if (settings.enabled && settings.weekdays.length === 0)
    throw invalidField("weekdays", "choose at least one day to switch the search on");
  const { min_distance_km: min, max_distance_km: max, attributes } = settings.filters;
  if (min !== undefined && max !== undefined && min > max)
    throw invalidField("filters.min_distance_km", "must not be above max_distance_km");
  if (attributes?.length) ctx.attributes.compileFilters(attributes, "filters.attributes");
}

/**
 * Replaces the account's settings (durable before the answer) and plans its next run. Switching on
 * starts from now: profiles listed earlier are not new to it.
 */
export async function setAutomaticSearchSettings(
  ctx: ProfileContext,
  accountId: string,
  settings: AutomaticSearchSettings,
): Promise<AutomaticSearchSettings> {
  check(settings, ctx);
  const old = ctx.automaticSearch.states.get(accountId);
  const state: SearchState = old
    ? { ...old, settings }
    : { settings, since: ctx.now(), lastRunAt: null, version: 0, results: [], dueAt: undefined };
  if (settings.enabled && old?.settings.enabled !== true) state.since = ctx.now();
  // Memory first, in place (a run in flight writes this same object), then the row as it is at commit.
  if (old) Object.assign(old, state);
  else ctx.automaticSearch.states.set(accountId, state);
  ctx.automaticSearch.plan(accountId, old ?? state);
  await ctx.writer.write(() => {
    const current = ctx.automaticSearch.states.get(accountId);
    if (current) ctx.automaticSearchStatements.save(stateToRow(accountId, current));
  });
  return settings;
}
