/** `2026-12-07 15:52`: a time in a notice mail, UTC. */
export const minuteUtc = (at: number): string => new Date(at).toISOString().slice(0, 16).replace("T", " ");
