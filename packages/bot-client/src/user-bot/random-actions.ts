import type { BotsFile, Visibility } from "@venus/model";

/** The share of ticks on which a bot with `move` moves. */
export const MOVE_CHANCE = 0.2;
/** The share of ticks on which a public bot with `flip_visibility` goes private. */
export const GO_PRIVATE_CHANCE = 0.1;

/** Whether the bot moves to a new random point in the area on this tick. */
export function shouldMove(users: BotsFile["users"], random: () => number): boolean {
  return users.move && random() < MOVE_CHANCE;
}

/**
 * The visibility to switch to on this tick, if any: a public bot with `flip_visibility` goes private
 * now and then; a private one goes public again on the next tick.
 */
export function visibilityFlip(
  users: BotsFile["users"],
  current: Visibility,
  random: () => number,
): Visibility | undefined {
  if (current === "private") return "public";
  return users.flip_visibility && random() < GO_PRIVATE_CHANCE ? "private" : undefined;
}
