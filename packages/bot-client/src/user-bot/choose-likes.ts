/**
 * Which profiles of a browse page to like now: one or two (`max`), the nearest first (the page's
 * order), skipping the ones `skip` says no to (already liked, the bot itself) and repeats.
 */
export function chooseToLike(
  candidates: readonly { account_id: string }[],
  skip: (accountId: string) => boolean,
  random: () => number,
  max = 2,
): string[] {
  const count = 1 + Math.floor(random() * Math.max(1, max));
  const chosen: string[] = [];
  for (const { account_id } of candidates) {
    if (chosen.length >= count) break;
    if (!skip(account_id) && !chosen.includes(account_id)) chosen.push(account_id);
  }
  return chosen;
}
