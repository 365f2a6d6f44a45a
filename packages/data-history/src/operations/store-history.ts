import type { HistoryContext } from "../context.js";
import { countPeople } from "../client-sample.js";
import { mergeHour, type HourTotals } from "../hour-totals.js";

/** Adds the per-account usage and addresses gathered since the last flush to history.sqlite. */
export async function flushAccountHistory(ctx: HistoryContext): Promise<void> {
  const usage = ctx.usage.take();
  const addresses = ctx.addresses.take();
  if (usage.length === 0 && addresses.length === 0) return;
  await ctx.writer.write(() => {
    for (const row of usage) ctx.statements.addUsage(row);
    for (const row of addresses) ctx.statements.addAddress(row);
  });
}

/**
 * Stores every hour that has ended and, with `current`, what this hour gathered so far (an admin's
 * early store, or shutdown): each is merged into its hour's row. Durable once it resolves; also
 * flushes the per-account history. Returns how many hours were written.
 */
export async function storeHours(ctx: HistoryContext, options: { current: boolean }): Promise<number> {
  const hours = ctx.window.take(ctx.now(), options.current);
  await Promise.all([flushAccountHistory(ctx), writeHours(ctx, hours)]);
  return hours.length;
}

async function writeHours(ctx: HistoryContext, hours: readonly HourTotals[]): Promise<void> {
  if (hours.length === 0) return;
  const accounts = countPeople(ctx.sources.accountIds(), (id) => ctx.sources.isBot(id));
  await ctx.writer.write(() => {
    for (const totals of hours) {
      ctx.statements.putHour(mergeHour(ctx.statements.hour(totals.hour), totals, accounts));
      for (const [route, requests] of totals.routes)
        ctx.statements.addRouteRequests({ hour: totals.hour, route, requests });
    }
  });
}
