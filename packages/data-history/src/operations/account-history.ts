import { DAY_MS, utcDay } from "@venus/data-common";
import { type ApiUsage, type IpHistory, invalidField } from "@venus/model";
import { mergeSightings } from "../address-sightings.js";
import type { HistoryContext } from "../context.js";

const isoDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * The account's API requests on each of the last `days` UTC days, today included (default and most:
 * `statistics.account_history_days`), counting what is not flushed yet.
 */
export function apiUsage(ctx: HistoryContext, accountId: string, days?: number): ApiUsage {
  const max = ctx.config.statistics.account_history_days;
  const wanted = days ?? max;
  if (wanted < 1 || wanted > max)
    throw invalidField("days", `must be 1 to ${max} (statistics.account_history_days)`);
  const today = utcDay(ctx.now());
  const first = today - wanted + 1;
  const counts = new Map<number, number>();
  for (const row of ctx.statements.usageSince(accountId, first)) counts.set(row.day, row.requests);
  for (const [day, requests] of ctx.usage.pendingFor(accountId))
    if (day >= first) counts.set(day, (counts.get(day) ?? 0) + requests);
  const list = Array.from({ length: wanted }, (_, i) => ({
    day: isoDay(first + i),
    requests: counts.get(first + i) ?? 0,
  }));
  return { account_id: accountId, days: list, total: list.reduce((sum, d) => sum + d.requests, 0) };
}

/** The addresses the account signed in or connected from, most recently seen first. */
export function ipHistory(ctx: HistoryContext, accountId: string): IpHistory {
  const seen = new Map(ctx.statements.addresses(accountId).map((row) => [row.address, row]));
  for (const [address, pending] of ctx.addresses.pendingFor(accountId)) {
    const stored = seen.get(address);
    seen.set(address, {
      account_id: accountId,
      address,
      ...(stored ? mergeSightings(stored, pending) : pending),
    });
  }
  const addresses = [...seen.values()]
    .sort((a, b) => b.last_seen - a.last_seen || (a.address < b.address ? -1 : 1))
    .slice(0, ctx.config.statistics.max_ip_addresses)
    .map(({ address, first_seen, last_seen, count }) => ({ address, first_seen, last_seen, count }));
  return { account_id: accountId, addresses, total: seen.size };
}
