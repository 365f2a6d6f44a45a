import { ageKeptInRange, allowedAgeRange } from "../age-rules.js";
import type { ProfileContext } from "../context.js";
import { recordStatisticsDay } from "../statistics/statistics-service.js";
import { saveProfile } from "./save-profile.js";

/**
 * The profile part of the daily task: every age moves into its allowed range as the years pass
 * (durable, owners told through profile_changed), then today's statistics go into the history.
 * Safe to run at any time and more than once a day. Returns how many ages changed.
 */
export async function runDailyProfileTask(ctx: ProfileContext): Promise<number> {
  const year = new Date(ctx.now()).getUTCFullYear();
  const changes: Promise<void>[] = [];
  for (const profile of ctx.cache.profiles.values()) {
    const age = ageKeptInRange(
      profile.age,
      allowedAgeRange(profile.initialAge, profile.initialAgeYear, year),
    );
    if (age === profile.age) continue;
    profile.age = age;
    changes.push(saveProfile(ctx, profile));
  }
  await Promise.all(changes);
  // Rows of profiles listed longer ago than the look-back are no longer read at start-up.
  const cutoff = ctx.newProfiles.prune();
  await ctx.writer.write(() => ctx.automaticSearchStatements.pruneListed(cutoff));
  await recordStatisticsDay(ctx);
  return changes.length;
}
