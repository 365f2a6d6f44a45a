/** Parses `YYYY-MM-DD` into UTC year, month, day; undefined for dates that do not exist. */
export function parseDate(text: string): { year: number; month: number; day: number } | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return undefined;
  return { year, month, day };
}

/** Whole years between a birthdate and `today` (UTC); a 29 February birthday counts on 1 March. */
export function ageOn(birthdate: { year: number; month: number; day: number }, today: Date): number {
  const month = today.getUTCMonth() + 1;
  const day = today.getUTCDate();
  const hadBirthday = month > birthdate.month || (month === birthdate.month && day >= birthdate.day);
  return today.getUTCFullYear() - birthdate.year - (hadBirthday ? 0 : 1);
}
