import type { HourlyRouteRow } from "@venus/database";
import { VenusError, type ServerStatisticsHistory, invalidField } from "@venus/model";
import type { HistoryContext } from "../context.js";
import { HOUR_MS } from "../hour-totals.js";
import { presentHour } from "../presenters/hour-presenter.js";

/** The range asked for when `from` is left out: the last day, or less when the limit is lower. */
const DEFAULT_HOURS = 24;

/**
 * The stored hours starting in [from, to) (Unix ms; `to` defaults to now, `from` to a day before
 * `to`). A range longer than `statistics.max_hours_per_request` is refused.
 */
export function hourlyHistory(
  ctx: HistoryContext,
  range: { from?: number | undefined; to?: number | undefined },
): ServerStatisticsHistory {
  const max = ctx.config.statistics.max_hours_per_request;
  const to = range.to ?? ctx.now();
  const from = range.from ?? to - Math.min(DEFAULT_HOURS, max) * HOUR_MS;
  if (from > to) throw invalidField("from", "must not be after to");
  if (to - from > max * HOUR_MS)
    throw new VenusError(
      "range_too_long",
      `at most ${max} hours in one request (statistics.max_hours_per_request)`,
    );
  const routes = new Map<number, HourlyRouteRow[]>();
  for (const row of ctx.statements.routes(from, to)) {
    const list = routes.get(row.hour);
    if (list) list.push(row);
    else routes.set(row.hour, [row]);
  }
  const hours = ctx.statements.hours(from, to).map((row) => presentHour(row, routes.get(row.hour) ?? []));
  return { from, to, hours };
}
