/**
 * A small seeded generator (mulberry32) with the shape of `Math.random`: numbers in [0, 1), the same
 * sequence for the same seed. For reproducible bots and tests; not for anything secret.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [min, max] (both included) from `random`. */
export function randomInt(random: () => number, min: number, max: number): number {
  const low = Math.min(min, max);
  const high = Math.max(min, max);
  return low + Math.min(high - low, Math.floor(random() * (high - low + 1)));
}
