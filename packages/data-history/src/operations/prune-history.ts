import { DAY_MS, utcDay } from "@venus/data-common";
import type { HistoryContext } from "../context.js";
import { hourStart } from "../hour-totals.js";

/**
 * Deletes hours older than `statistics.history_days`, and per-account usage and addresses older than
 * `statistics.account_history_days` (usage keeps that many UTC days, today included). Returns the rows
 * deleted.
 */
export async function pruneHistory(ctx: HistoryContext): Promise<number> {
  const now = ctx.now();
  const { history_days, account_history_days } = ctx.config.statistics;
  const pruned = await ctx.writer.write(() =>
    ctx.statements.prune({
      hour: hourStart(now) - history_days * DAY_MS,
      day: utcDay(now) - account_history_days + 1,
      time: now - account_history_days * DAY_MS,
    }),
  );
  return pruned.hours + pruned.routes + pruned.usage + pruned.addresses;
}
