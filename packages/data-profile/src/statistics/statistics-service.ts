import type { ProfileStatistics, StatisticsHistory } from "@venus/model";
import type { ProfileContext } from "../context.js";
import { countProfiles } from "./profile-statistics.js";

/** Counting a million profiles takes tens of milliseconds: answers reuse a count this recent. */
const FRESH_MS = 60_000;

/** Statistics now, of people (bot accounts are left out): recounted when the last count is older than a minute. */
export function currentStatistics(ctx: ProfileContext): Required<ProfileStatistics> {
  const now = ctx.now();
  const { statistics } = ctx.cache;
  if (!statistics.latest || now - statistics.latest.generated_at > FRESH_MS) {
    const people = [...ctx.cache.profiles.values()].filter((p) => !ctx.isBot(p.accountId));
    statistics.latest = countProfiles(people, (p) => ctx.listing.isPublic(p), now);
  }
  return statistics.latest;
}

/** Counts afresh and stores the count as today's (UTC) entry of the daily history; durable. */
export async function recordStatisticsDay(ctx: ProfileContext): Promise<void> {
  ctx.cache.statistics.latest = undefined;
  const statistics = currentStatistics(ctx);
  const day = new Date(statistics.generated_at).toISOString().slice(0, 10);
  ctx.cache.statistics.history.set(day, statistics);
  await ctx.writer.write(() => ctx.statements.putStatisticsHistory(day, JSON.stringify(statistics)));
}

export function statisticsHistory(ctx: ProfileContext): StatisticsHistory {
  const days = [...ctx.cache.statistics.history].sort(([a], [b]) => (a < b ? -1 : 1));
  return { days: days.map(([day, statistics]) => ({ day, statistics })) };
}
