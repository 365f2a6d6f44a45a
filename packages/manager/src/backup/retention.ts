import { snapshotTime } from "./store-layout.js";

const DAY_MS = 86_400_000;

/**
 * The snapshots to delete after a successful session: those older than `keepDays` days at `now`,
 * never the newest one (so a source that stopped sending keeps its last backup). Names that are not
 * snapshot timestamps are left alone.
 */
export function snapshotsToPrune(names: readonly string[], now: number, keepDays: number): string[] {
  const dated = names
    .map((name) => ({ name, time: snapshotTime(name) }))
    .filter((entry): entry is { name: string; time: number } => entry.time !== undefined)
    .sort((a, b) => a.time - b.time);
  const cutoff = now - keepDays * DAY_MS;
  return dated
    .slice(0, -1)
    .filter((entry) => entry.time < cutoff)
    .map((entry) => entry.name);
}
