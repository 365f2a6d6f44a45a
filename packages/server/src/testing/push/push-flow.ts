import { expect } from "vitest";
import type { ProfileUser } from "../profile-flow.js";
import { as } from "../profile-flow.js";

type Server = { url: string };

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `check` holds (polling every 20 ms), failing with `what` after `ms`. */
export async function eventually(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** Registers the user's device (which must be connected) for pushes at `target`. */
export async function registerTarget(server: Server, user: ProfileUser, target: object): Promise<void> {
  const reply = await as(server, user).put("/account/push_target", target);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  expect(reply.body).toEqual({ target });
}
