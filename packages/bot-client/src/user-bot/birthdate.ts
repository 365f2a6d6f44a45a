const DAY_MS = 86_400_000;

/**
 * A birthdate (`YYYY-MM-DD`) of someone who is exactly `age` on `today` (UTC): a random day between
 * 2 and about 360 days before this year's birthday, so neither a time zone nor 29 February can make
 * the age one off.
 */
export function birthdateForAge(age: number, today: Date, random: () => number): string {
  const year = today.getUTCFullYear() - age;
  // The day clamped to 28 so that the date exists in every year (only ever earlier: still past).
  const anniversary = Date.UTC(year, today.getUTCMonth(), Math.min(today.getUTCDate(), 28));
  const daysBefore = 2 + Math.floor(random() * 359);
  return new Date(anniversary - daysBefore * DAY_MS).toISOString().slice(0, 10);
}

/** The age on `today` (UTC) of someone born on `birthdate` (`YYYY-MM-DD`). */
export function ageOn(birthdate: string, today: Date): number {
  const [year, month, day] = birthdate.split("-").map(Number) as [number, number, number];
  const had =
    today.getUTCMonth() + 1 > month || (today.getUTCMonth() + 1 === month && today.getUTCDate() >= day);
  return today.getUTCFullYear() - year - (had ? 0 : 1);
}
