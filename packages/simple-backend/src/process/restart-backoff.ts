/**
 * Exponential back-off for restarting a crashed child: `baseMs`, then doubled on each consecutive
 * crash, capped at `maxMs`. `attempt` is 0 for the first restart after a healthy run.
 */
export function restartDelay(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
}
