export const MIN_AGE = 18;
export const MAX_AGE = 99;

const clamp = (age: number) => Math.min(MAX_AGE, Math.max(MIN_AGE, age));

/**
 * Ages a profile may show without a stored birthdate: the age given at setup plus the years since,
 * give or take one (the birthday may or may not have passed this year).
 */
export function allowedAgeRange(
  initialAge: number,
  initialAgeYear: number,
  currentYear: number,
): { min: number; max: number } {
  const expected = initialAge + (currentYear - initialAgeYear);
  return { min: clamp(expected - 1), max: clamp(expected + 1) };
}

/** The age the daily task moves a profile to so it stays in range (unchanged when it already is). */
export function ageKeptInRange(age: number, range: { min: number; max: number }): number {
  return Math.min(range.max, Math.max(range.min, age));
}
